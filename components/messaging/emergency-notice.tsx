import { PhoneLink } from "@/components/ui/phone-link";

/** The standing notice above every conversation: messages are not for emergencies (docs/decisions.md, Messaging). */
export function EmergencyNotice({
  practiceName,
  practicePhone,
}: {
  practiceName: string;
  practicePhone: string | null;
}) {
  return (
    <aside
      aria-label="Not for emergencies"
      data-testid="messaging-emergency-notice"
      className="rounded-md border border-amber-400 bg-amber-50 p-3 text-slate-900"
    >
      <p className="font-semibold">Messages are not for emergencies.</p>
      <p>
        Replies can take a business day or more. If you are in crisis, call or text{" "}
        <a href="tel:988" className="font-semibold underline underline-offset-2">
          988
        </a>{" "}
        (Suicide &amp; Crisis Lifeline) or call{" "}
        <a href="tel:911" className="font-semibold underline underline-offset-2">
          911
        </a>
        .
        {practicePhone ? (
          <>
            {" "}
            To reach {practiceName}, call <PhoneLink phone={practicePhone} />.
          </>
        ) : null}
      </p>
    </aside>
  );
}
