import { telHref } from "@/lib/core/phone";

/** The practice's phone as a tap-to-call link (docs/decisions.md, Client home); plain text if it cannot be dialled. */
export function PhoneLink({ phone, className }: { phone: string; className?: string }) {
  const href = telHref(phone);
  if (!href) return <span className={className}>{phone}</span>;
  return (
    <a href={href} className={className ?? "font-medium text-brand-800 underline underline-offset-2"}>
      {phone}
    </a>
  );
}
