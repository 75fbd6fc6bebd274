"use client";

import { useEffect, useEffectEvent } from "react";
import { describeDuration, formatDuration } from "@/components/ui/format";
import { useNow } from "@/components/ui/use-now";

/**
 * Whole seconds left until `targetMs` on the server's clock. `clockOffsetMs` is how far the
 * server's clock runs ahead of this browser's (serverTime − local time when it arrived), so a
 * visitor whose clock is wrong still sees the hold end when the server ends it.
 */
export function secondsUntil(targetMs: number, localNowMs: number, clockOffsetMs: number): number {
  return Math.max(0, Math.ceil((targetMs - (localNowMs + clockOffsetMs)) / 1000));
}

/** Seconds left until `targetIso`, ticking; null until the browser has rendered (no server guess). */
export function useCountdown(targetIso: string, clockOffsetMs: number): number | null {
  const now = useNow();
  return now === null ? null : secondsUntil(Date.parse(targetIso), now, clockOffsetMs);
}

type CountdownProps = {
  /** When it ends, as an ISO instant on the server's clock. */
  target: string;
  clockOffsetMs: number;
  /** What is counted down, for screen readers ("Time left to confirm"). */
  label: string;
  /** Called once when the countdown reaches zero. */
  onElapsed?: () => void;
  className?: string;
};

export function Countdown({ target, clockOffsetMs, label, onElapsed, className }: CountdownProps) {
  const seconds = useCountdown(target, clockOffsetMs);
  const hasElapsed = seconds === 0;
  const notifyElapsed = useEffectEvent(() => onElapsed?.());
  useEffect(() => {
    if (hasElapsed) notifyElapsed();
  }, [hasElapsed]);

  return (
    <span
      role="timer"
      aria-label={seconds === null ? label : `${label}: ${describeDuration(seconds)}`}
      className={`tabular-nums ${className ?? ""}`}
    >
      {seconds === null ? "–:––" : formatDuration(seconds)}
    </span>
  );
}
