import type { ReactNode } from "react";

/** A form-level error, announced as soon as it appears. */
export function FormAlert({ id, children }: { id?: string; children: ReactNode }) {
  return (
    <div id={id} role="alert" className="rounded-xl border border-rose-200 bg-rose-50 px-4 py-3 text-sm font-medium text-rose-800">
      {children}
    </div>
  );
}
