"use client";

import { useState } from "react";
import type { BookingStatusView } from "@/lib/domain/booking/status-view";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Countdown, useCountdown } from "@/components/waiting-room/countdown";
import { OrderSummary, type OrderItem } from "@/components/waiting-room/order-summary";
import type { PanelAction } from "@/components/waiting-room/queue-panel";

type HoldView = Extract<BookingStatusView, { state: "hold" }>;

type HoldControlsProps = {
  view: HoldView;
  item: OrderItem;
  clockOffsetMs: number;
  pending: PanelAction | null;
  onConfirm: (bookingId: string) => void;
  onCancel: (bookingId: string) => void;
  onElapsed: () => void;
};

/**
 * A hold: the time left, the order, Confirm, and, apart from it and behind a question, the way to
 * let the item go (one slip of a thumb under Confirm must not lose a five-minute hold).
 */
export function HoldControls({ view, item, clockOffsetMs, pending, onConfirm, onCancel, onElapsed }: HoldControlsProps) {
  const secondsLeft = useCountdown(view.expiresAt, clockOffsetMs);
  const [isAskingToRelease, setAskingToRelease] = useState(false);
  const isOver = secondsLeft === 0;
  const percent = secondsLeft === null || view.holdSeconds <= 0 ? 100 : Math.min(100, (secondsLeft / view.holdSeconds) * 100);
  return (
    <div className="space-y-4">
      <div>
        <div className="flex items-baseline justify-between">
          <p className="text-sm font-medium text-slate-600">{isOver ? "Time’s up" : "Time left to confirm"}</p>
          <Countdown
            target={view.expiresAt}
            clockOffsetMs={clockOffsetMs}
            label="Time left to confirm"
            onElapsed={onElapsed}
            className={`text-4xl font-bold ${secondsLeft !== null && secondsLeft <= 30 ? "text-rose-700" : "text-slate-900"}`}
          />
        </div>
        <div aria-hidden="true" className="mt-2 h-2 overflow-hidden rounded-full bg-amber-100">
          <div className="h-full rounded-full bg-amber-500 transition-[width] duration-1000 ease-linear" style={{ width: `${percent}%` }} />
        </div>
      </div>
      <OrderSummary item={item} />
      <Button
        data-autofocus
        onClick={() => onConfirm(view.bookingId)}
        disabled={isOver || pending !== null}
        busy={pending === "confirm"}
        className="w-full"
      >
        Confirm purchase
      </Button>
      <p className="pt-2 text-center text-sm text-slate-600">
        Changed your mind?{" "}
        <button
          type="button"
          onClick={() => setAskingToRelease(true)}
          disabled={isOver || pending !== null}
          aria-busy={pending === "cancel" || undefined}
          className="font-semibold text-slate-700 underline underline-offset-2 hover:text-slate-900 disabled:text-slate-400"
        >
          Cancel hold
        </button>
      </p>
      <ConfirmDialog
        open={isAskingToRelease}
        title="Release this item?"
        confirmLabel="Yes, release it"
        keepLabel="Keep my hold"
        tone="reluctant"
        onKeep={() => setAskingToRelease(false)}
        onConfirm={() => {
          setAskingToRelease(false);
          onCancel(view.bookingId);
        }}
      >
        <p>
          {item.name} goes to the next person in line and you lose your place. If you want it again, you join the end of
          the line.
        </p>
      </ConfirmDialog>
    </div>
  );
}
