import { PhoneLink } from "@/components/ui/phone-link";

/**
 * Crisis resources after a PHQ-9 safety answer (docs/product.md, Safety): the practice's words, then 988, 911 and
 * the practice's phone, each a tap-to-call link. Shown on the confirmation page, before anything else.
 */
export function CrisisResources({
  text,
  practiceName,
  practicePhone,
}: {
  text: string;
  practiceName: string;
  practicePhone: string | null;
}) {
  return (
    <section
      aria-labelledby="crisis-h"
      data-testid="crisis-resources"
      className="flex flex-col gap-3 rounded-md border-2 border-red-700 bg-red-50 p-4 text-slate-900"
    >
      <h2 id="crisis-h" className="text-xl font-bold text-red-900">
        If you need help now
      </h2>
      <p className="whitespace-pre-line">{text}</p>
      <ul className="flex flex-col gap-2">
        <li>
          <strong>988 Suicide &amp; Crisis Lifeline:</strong> call or text{" "}
          <a href="tel:988" className="font-semibold text-red-900 underline underline-offset-2">
            988
          </a>{" "}
          (
          <a href="sms:988" className="text-red-900 underline underline-offset-2">
            text 988
          </a>
          ), any time, day or night. It is free and confidential.
        </li>
        <li>
          <strong>In an emergency:</strong> call{" "}
          <a href="tel:911" className="font-semibold text-red-900 underline underline-offset-2">
            911
          </a>{" "}
          or go to the nearest emergency room.
        </li>
        {practicePhone ? (
          <li>
            <strong>{practiceName}:</strong> call{" "}
            <PhoneLink phone={practicePhone} className="font-semibold text-red-900 underline underline-offset-2" />.
          </li>
        ) : null}
      </ul>
    </section>
  );
}
