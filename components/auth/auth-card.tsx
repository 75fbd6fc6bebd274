import type { ReactNode } from "react";

/** The centred card the sign-in, sign-up and sign-out pages share. */
export function AuthCard({ title, intro, children }: { title: string; intro: ReactNode; children: ReactNode }) {
  return (
    <main className="mx-auto flex max-w-md flex-col px-4 py-12 sm:py-16">
      <div className="rounded-2xl bg-white p-6 shadow-sm ring-1 ring-slate-200 sm:p-8">
        <h1 className="text-2xl font-extrabold tracking-tight text-slate-900">{title}</h1>
        <p className="mt-1.5 text-slate-600">{intro}</p>
        <div className="mt-6">{children}</div>
      </div>
    </main>
  );
}
