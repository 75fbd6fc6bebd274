"use client";

import { useEffect, useId, useRef, type ReactNode } from "react";
import { Button } from "@/components/ui/button";

type ConfirmDialogProps = {
  open: boolean;
  title: string;
  children: ReactNode;
  /** The action asked about ("Block user", "Yes, release it"). */
  confirmLabel: string;
  /** The button that keeps things as they are. */
  keepLabel?: string;
  /**
   * How the action looks: "danger" where it shuts someone out or cannot be undone; "reluctant"
   * where keeping things is the better choice for the person asked (a shopper releasing a held
   * item), so the keep button is the prominent one.
   */
  tone?: "primary" | "danger" | "reluctant";
  /** The action is under way: both buttons wait, and the dialog stays open. */
  busy?: boolean;
  /** A refusal from the server, shown in the dialog so the person can correct and retry. */
  error?: string | null;
  onConfirm: () => void;
  /** Closed without confirming: the keep button, Escape, or a click outside. */
  onKeep: () => void;
};

/**
 * A modal question before an action that matters. The browser's own <dialog> keeps focus inside
 * and the page behind inert; focus starts on the keep button, so a reflex tap or Enter does no
 * harm. The prominent button comes last: on the right, or on top where the buttons stack full
 * width on a phone.
 */
export function ConfirmDialog({ open, title, children, confirmLabel, keepLabel = "Cancel", tone = "primary", busy = false, error, onConfirm, onKeep }: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const bodyId = useId();
  const keep = () => {
    if (!busy) onKeep();
  };

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      // Browsers without showModal (and jsdom) still show it, without the backdrop.
      if (typeof dialog.showModal === "function") dialog.showModal();
      else dialog.setAttribute("open", "");
      // Opening focuses the first button; the safe choice takes focus instead.
      dialog.querySelector<HTMLElement>("[data-keep]")?.focus();
    } else if (!open && dialog.open) {
      if (typeof dialog.close === "function") dialog.close();
      else dialog.removeAttribute("open");
    }
  }, [open]);

  const keepButton = (
    <Button key="keep" data-keep variant={tone === "reluctant" ? "primary" : "secondary"} onClick={keep} disabled={busy}>
      {keepLabel}
    </Button>
  );
  const confirmButton = (
    <Button key="confirm" type="submit" variant={tone === "reluctant" ? "secondary" : tone} busy={busy} disabled={busy}>
      {confirmLabel}
    </Button>
  );

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onCancel={(event) => {
        event.preventDefault();
        keep();
      }}
      onClick={(event) => {
        if (event.target === ref.current) keep();
      }}
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-2xl border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/50"
    >
      {open && (
        <form
          method="dialog"
          className="p-6"
          onSubmit={(event) => {
            event.preventDefault();
            onConfirm();
          }}
        >
          <h2 id={titleId} className="text-lg font-bold text-slate-900">
            {title}
          </h2>
          <div id={bodyId} className="mt-2 space-y-3 text-sm text-slate-700">
            {children}
          </div>
          {error && (
            <p role="alert" className="mt-3 text-sm font-medium text-rose-700">
              {error}
            </p>
          )}
          <div className="mt-6 flex flex-col-reverse gap-3 sm:flex-row sm:justify-end">
            {tone === "reluctant" ? [confirmButton, keepButton] : [keepButton, confirmButton]}
          </div>
        </form>
      )}
    </dialog>
  );
}
