"use client";

import { useState } from "react";
import type { BookingStatusView } from "@/lib/domain/booking/status-view";
import { describeDuration } from "@/components/ui/format";
import { useNow } from "@/components/ui/use-now";

/** A queued shopper hears their place at most this often: the line may move every second. */
export const POSITION_ANNOUNCE_EVERY_MS = 20_000;

export type Announcements = {
  /** Read when the reader is idle: the state's headline, the place in line. */
  polite: string;
  /** Read at once: the hold's arrival and its last minute and last 30 seconds. */
  urgent: string;
};

/**
 * What the live regions say. Each text changes only when there is news (screen readers read a
 * region when its text changes), so the hold's countdown is spoken at three moments instead of
 * every second, and the place in line at most every 20 seconds (and when the shopper is next).
 */
export function useAnnouncements(view: BookingStatusView, headline: string, secondsLeft: number | null): Announcements {
  const now = useNow();
  const [spoken, setSpoken] = useState<{ bookingId: string; position: number; at: number } | null>(null);
  if (view.state === "queued" && now !== null) {
    const isNews = spoken?.bookingId !== view.bookingId || spoken.position !== view.position;
    const mayRepeat = spoken?.bookingId !== view.bookingId || now - spoken.at >= POSITION_ANNOUNCE_EVERY_MS || view.position === 1;
    if (isNews && mayRepeat) setSpoken({ bookingId: view.bookingId, position: view.position, at: now });
  }

  const polite =
    view.state === "queued"
      ? spoken?.bookingId === view.bookingId
        ? spoken.position === 1
          ? "You’re next in line."
          : `You’re number ${spoken.position} in line.`
        : ""
      : headline;
  return { polite, urgent: view.state === "hold" ? holdWarning(view.holdSeconds, secondsLeft) : "" };
}

function holdWarning(holdSeconds: number, secondsLeft: number | null): string {
  if (secondsLeft === null || secondsLeft === 0) return "";
  if (secondsLeft <= 30) return "30 seconds left to confirm your purchase.";
  if (secondsLeft <= 60 && holdSeconds > 60) return "1 minute left to confirm your purchase.";
  // Constant for the whole first stretch, so it is read once, when the hold arrives.
  return `It’s your turn: one is held for you for ${describeDuration(holdSeconds)}. Confirm before the timer runs out.`;
}
