"use client";

import { useSyncExternalStore } from "react";

const TICK_MS = 250;

function subscribe(onTick: () => void): () => void {
  const timer = setInterval(onTick, TICK_MS);
  return () => clearInterval(timer);
}

// Rounded to the tick so repeated reads within one tick agree, as useSyncExternalStore requires.
function readNow(): number {
  return Math.floor(Date.now() / TICK_MS) * TICK_MS;
}

function readNowOnServer(): null {
  return null;
}

/**
 * The client's clock, re-read four times a second; null while rendering on the server and
 * hydrating, so a countdown never renders a server-side instant that the browser then contradicts.
 */
export function useNow(): number | null {
  return useSyncExternalStore(subscribe, readNow, readNowOnServer);
}

function subscribeNever(): () => void {
  return () => {};
}

/** False on the server and during hydration, true afterwards (for values only the browser knows). */
export function useIsClient(): boolean {
  return useSyncExternalStore(subscribeNever, () => true, () => false);
}
