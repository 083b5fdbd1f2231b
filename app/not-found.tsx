import Link from "next/link";

export default function NotFound() {
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-12">
      <h1 className="text-2xl font-bold">Page not found</h1>
      <p className="mt-2 text-slate-700">This page does not exist, or you do not have access to it.</p>
      <Link href="/" className="mt-4 inline-block text-brand-800 underline">
        Go to the home page
      </Link>
    </main>
  );
}
