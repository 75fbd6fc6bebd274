"use client";

import { useEffect, useId, useRef, type ReactNode } from "react";
import { Button } from "@/components/ui/button";

type ConfirmDialogProps = {
  open: boolean;
  title: string;
  confirmLabel: string;
  tone?: "danger" | "primary";
  busy?: boolean;
  /** A refusal from the server, shown in the dialog so the marketer can correct and retry. */
  error?: string | null;
  onConfirm: () => void;
  onCancel: () => void;
  children: ReactNode;
};

/**
 * A modal question before an action that matters (the browser's own <dialog>: focus stays inside,
 * Escape cancels, the page behind is inert). Cancel takes the focus first, so Enter never blocks
 * or ends anything by accident. On a phone the buttons stack full width.
 */
export function ConfirmDialog({ open, title, confirmLabel, tone = "primary", busy = false, error, onConfirm, onCancel, children }: ConfirmDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);

  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
      className="m-auto w-[calc(100%-2rem)] max-w-md rounded-2xl border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/50"
    >
      {open && (
        <form
          method="dialog"
          className="space-y-4 p-5"
          onSubmit={(event) => {
            event.preventDefault();
            onConfirm();
          }}
        >
          <h2 id={titleId} className="text-lg font-bold">
            {title}
          </h2>
          <div className="space-y-3 text-sm text-slate-700">{children}</div>
          {error && (
            <p role="alert" className="text-sm font-medium text-rose-700">
              {error}
            </p>
          )}
          <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <Button variant="secondary" onClick={onCancel} disabled={busy} autoFocus>
              Cancel
            </Button>
            <Button type="submit" variant={tone} busy={busy} disabled={busy}>
              {confirmLabel}
            </Button>
          </div>
        </form>
      )}
    </dialog>
  );
}
