"use client";

import { useEffect, useId, useRef, type ReactNode } from "react";
import { Button } from "@/components/ui/button";

type ConfirmDialogProps = {
  open: boolean;
  title: string;
  children: ReactNode;
  /** The action asked about ("Release it"); the other button keeps things as they are. */
  confirmLabel: string;
  keepLabel: string;
  onConfirm: () => void;
  /** Closed without confirming: the keep button, Escape, or a click outside. */
  onKeep: () => void;
};

/**
 * A modal question before an action that cannot be undone. The native <dialog> traps focus and
 * closes on Escape; focus starts on the button that keeps things as they are, so a reflex tap or
 * Enter does no harm.
 */
export function ConfirmDialog({ open, title, children, confirmLabel, keepLabel, onConfirm, onKeep }: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const bodyId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      // Browsers without showModal (and jsdom) still show it, without the backdrop.
      if (typeof dialog.showModal === "function") dialog.showModal();
      else dialog.setAttribute("open", "");
      // Opening focuses the first button (the action); the safe choice takes focus instead.
      dialog.querySelector<HTMLElement>("[data-keep]")?.focus();
    } else if (!open && dialog.open) {
      if (typeof dialog.close === "function") dialog.close();
      else dialog.removeAttribute("open");
    }
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onCancel={(event) => {
        event.preventDefault();
        onKeep();
      }}
      onClick={(event) => {
        if (event.target === ref.current) onKeep();
      }}
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-2xl bg-white p-0 shadow-xl backdrop:bg-slate-900/50"
    >
      {open && (
        <div className="p-6">
          <h2 id={titleId} className="text-lg font-bold text-slate-900">
            {title}
          </h2>
          <div id={bodyId} className="mt-2 text-sm text-slate-700">
            {children}
          </div>
          <div className="mt-6 flex flex-col-reverse gap-3 sm:flex-row sm:justify-end">
            <Button variant="secondary" onClick={onConfirm}>
              {confirmLabel}
            </Button>
            <Button data-keep onClick={onKeep}>
              {keepLabel}
            </Button>
          </div>
        </div>
      )}
    </dialog>
  );
}
