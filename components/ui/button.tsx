import type { ButtonHTMLAttributes } from "react";

const variants = {
  primary: "bg-brand-700 text-white hover:bg-brand-800 disabled:bg-slate-400",
  secondary: "border border-slate-300 bg-white text-slate-900 hover:bg-slate-50 disabled:text-slate-400",
  /** Destructive but quiet: an outline, never as loud as the page's main action; confirm with ConfirmButton. */
  danger:
    "border border-red-700 bg-white text-red-800 hover:bg-red-50 disabled:border-slate-300 disabled:text-slate-400",
  /** Only inside a confirmation, on the button that does the destructive thing. */
  dangerStrong: "bg-red-700 text-white hover:bg-red-800 disabled:bg-slate-400",
  link: "text-brand-800 underline underline-offset-2 hover:text-brand-900",
} as const;

export function buttonClass(variant: keyof typeof variants = "primary", extra = "") {
  const base =
    variant === "link"
      ? ""
      : "inline-flex min-h-11 items-center justify-center rounded-md px-4 py-2 text-base font-semibold";
  return `${base} ${variants[variant]} ${extra}`.trim();
}

export function Button({
  variant = "primary",
  className = "",
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: keyof typeof variants }) {
  return <button {...props} className={buttonClass(variant, className)} />;
}
