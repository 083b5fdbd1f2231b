import Link from "next/link";

/** The way out of the emailed-link flow offered on every sign-in screen (docs/product.md, Sign-in). */
export function PinSignInLink() {
  return (
    <p>
      <Link href="/sign-in/pin" className="font-medium text-brand-800 underline">
        Sign in via PIN code
      </Link>
    </p>
  );
}
