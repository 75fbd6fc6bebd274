"use client";

import { useCallback, useEffect, useReducer, useRef, useSyncExternalStore } from "react";
import type { BookingStatusView } from "@/lib/domain/booking/status-view";

const ALERT_TITLE = "⏰ Your turn — confirm now";
const BLINK_MS = 1000;
/** States a hold can follow while the shopper waits, possibly in another tab. */
const WAITING = new Set<BookingStatusView["state"]>(["prequeued", "queued", "waitlisted"]);

export type NotificationChoice = "unsupported" | "default" | "granted" | "denied";

const notificationChoice = (): NotificationChoice => (typeof Notification === "undefined" ? "unsupported" : Notification.permission);

/**
 * Tells a shopper who is looking at another tab that their turn came: when a hold follows a wait
 * (queue, waitlist or pre-queue) while this tab is hidden, the tab's title blinks until they come
 * back and, if they allowed it, the system shows a notification. A hold is 5 minutes long; a
 * waitlisted shopper promoted by someone else's expiry must not miss it for looking elsewhere.
 * Returns whether notifications can be asked for, and a function that asks.
 */
export function useTurnAlert(view: BookingStatusView): { notifications: NotificationChoice; askForNotifications: () => Promise<void> } {
  const holdId = view.state === "hold" ? view.bookingId : null;
  // Whether the shopper was waiting in the view before this one (a hold on page load is no news).
  const wasWaiting = useRef(WAITING.has(view.state));
  const notified = useRef<string | null>(null);
  // The browser's answer, read after hydration (the server has no Notification) and again whenever
  // it changes: through the button below, or in the browser's site settings while the page is open.
  const [, askedAgain] = useReducer((count: number) => count + 1, 0);
  const choice = useSyncExternalStore(subscribeToPermission, notificationChoice, () => "unsupported" as const);

  // Runs when a hold begins (and cleans up when it ends), not on every update of the view.
  useEffect(() => {
    if (!holdId || !wasWaiting.current || document.visibilityState !== "hidden") return;
    if (notified.current !== holdId && notificationChoice() === "granted") {
      const notification = new Notification("It's yours — for now", { body: "Confirm your purchase before the timer runs out.", tag: `hold-${holdId}` });
      notification.onclick = () => window.focus();
    }
    notified.current = holdId;

    const originalTitle = document.title;
    const blink = window.setInterval(() => {
      document.title = document.title === ALERT_TITLE ? originalTitle : ALERT_TITLE;
    }, BLINK_MS);
    document.title = ALERT_TITLE;
    const onVisible = () => {
      if (document.visibilityState === "visible") stop();
    };
    function stop() {
      window.clearInterval(blink);
      document.removeEventListener("visibilitychange", onVisible);
      document.title = originalTitle;
    }
    document.addEventListener("visibilitychange", onVisible);
    return stop;
  }, [holdId]);

  useEffect(() => {
    wasWaiting.current = WAITING.has(view.state);
  }, [view.state]);

  const askForNotifications = useCallback(async () => {
    if (typeof Notification === "undefined") return;
    await Notification.requestPermission();
    askedAgain();
  }, []);

  return { notifications: choice, askForNotifications };
}

/** Calls back when the notification permission changes, where the browser can tell (Permissions API). */
function subscribeToPermission(onChange: () => void): () => void {
  let status: PermissionStatus | null = null;
  let unsubscribed = false;
  navigator.permissions
    ?.query({ name: "notifications" })
    .then((answer) => {
      if (unsubscribed) return;
      status = answer;
      answer.addEventListener("change", onChange);
    })
    .catch(() => {});
  return () => {
    unsubscribed = true;
    status?.removeEventListener("change", onChange);
  };
}
