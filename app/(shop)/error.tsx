"use client";

import Link from "next/link";
import { Button, buttonClass } from "@/components/ui/button";

/**
 * A shop page failed to render (a database or Redis hiccup under load). Say so plainly and offer a
 * retry; places in line live on the server, so nothing is lost by trying again.
 */
export default function ShopError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error && "digest" in error ? String(error.digest) : null;
  return (
    <main className="mx-auto max-w-xl px-4 py-20 text-center sm:px-6">
      <h1 className="text-3xl font-bold text-slate-900">This page could not load</h1>
      <p className="mt-3 text-slate-600">
        The shop is very busy or briefly unavailable. Your place in any line is kept on our side — try again in a moment.
      </p>
      {digest && <p className="mt-2 text-xs text-slate-500">Reference: {digest}</p>}
      <div className="mt-8 flex justify-center gap-3">
        <Button onClick={() => retry()}>Try again</Button>
        <Link href="/" className={buttonClass("secondary")}>
          All sales
        </Link>
      </div>
    </main>
  );
}
