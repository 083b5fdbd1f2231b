import { invoiceStatusLabel } from "@/lib/billing/format";

const tone: Record<string, string> = {
  draft: "bg-slate-100 text-slate-800",
  sent: "bg-amber-100 text-amber-900",
  partially_paid: "bg-amber-100 text-amber-900",
  paid: "bg-green-100 text-green-900",
  void: "bg-slate-200 text-slate-800",
};

export function StatusBadge({ status }: { status: string }) {
  return (
    <span className={`inline-block rounded px-2 py-0.5 text-sm font-medium ${tone[status] ?? tone.draft}`}>
      {invoiceStatusLabel[status] ?? status}
    </span>
  );
}
