import Link from "next/link";

/** What a signed-in shopper sees on an admin page. */
export function AdminForbidden() {
  return (
    <main className="mx-auto max-w-xl px-4 py-16 text-center sm:px-6">
      <p className="text-sm font-semibold tracking-wide text-rose-700 uppercase">403 · Forbidden</p>
      <h1 className="mt-2 text-2xl font-bold">This area is for the sales team</h1>
      <p className="mt-3 text-slate-600">Your account can shop every sale, but only marketers and admins can manage them.</p>
      <Link href="/" className="mt-6 inline-block font-semibold text-indigo-700 hover:text-indigo-900">
        Back to the sales
      </Link>
    </main>
  );
}
