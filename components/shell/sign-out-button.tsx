import { signOutAction } from "@/lib/auth/actions";

export function SignOutButton() {
  return (
    <form action={signOutAction}>
      <button
        type="submit"
        className="min-h-11 rounded-md border border-slate-300 bg-white px-3 text-sm font-medium hover:bg-slate-50"
      >
        Sign out
      </button>
    </form>
  );
}
