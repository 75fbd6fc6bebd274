"use client";

import { useCallback, useEffect, useState } from "react";
import type { BookingStatusView } from "@/lib/domain/booking/status-view";
import { fetchBookingStatus, type ApiResult } from "@/components/waiting-room/booking-api";
import { pageRequestStartMs } from "@/components/waiting-room/page-request-start";

/** How updates currently arrive: a live event stream, or polling while the stream is down. */
export type Transport = { mode: "connecting" } | { mode: "live" } | { mode: "polling"; nextCheckMs: number };

type Snapshot = { view: BookingStatusView; clockOffsetMs: number };

export const POLL_FIRST_MS = 1000;
export const POLL_MAX_MS = 15_000;

/** The delay before fallback check number `failures` (0-based): 1 s, 2 s, 4 s … at most 15 s. */
export function pollDelayMs(failures: number): number {
  return Math.min(POLL_FIRST_MS * 2 ** failures, POLL_MAX_MS);
}

function snapshotOf(view: BookingStatusView, receivedAtMs: number): Snapshot {
  return { view, clockOffsetMs: Date.parse(view.serverTime) - receivedAtMs };
}

function parseView(data: unknown): BookingStatusView | null {
  if (typeof data !== "string") return null;
  try {
    const view = JSON.parse(data) as BookingStatusView;
    return typeof view?.state === "string" && typeof view.serverTime === "string" ? view : null;
  } catch {
    return null;
  }
}

/**
 * The signed-in user's booking state in one sale, always as the server says it: first the
 * server-rendered view, then every `status` event of the sale's SSE stream. When the stream
 * fails, the status endpoint is polled with a backoff (1 s, 2 s, 4 s … 15 s) and the stream is
 * retried after each check. Also re-read whenever the tab becomes visible again.
 *
 * Views carry the server's time: an older view arriving late (a slow poll racing an event) is
 * dropped, and each view re-measures how far the server's clock is from this browser's.
 */
export function useBookingStatus(saleId: string, initialView: BookingStatusView) {
  // The server rendered this view while the page was being requested, not when it hydrated.
  const [snapshot, setSnapshot] = useState<Snapshot>(() => snapshotOf(initialView, pageRequestStartMs()));
  const [transport, setTransport] = useState<Transport>({ mode: "connecting" });

  const accept = useCallback((view: BookingStatusView) => {
    const receivedAt = Date.now();
    setSnapshot((current) =>
      Date.parse(view.serverTime) < Date.parse(current.view.serverTime) ? current : snapshotOf(view, receivedAt),
    );
  }, []);

  /** A local guess after an action the server accepted; the next server view replaces it. */
  const assume = useCallback((next: (view: BookingStatusView) => BookingStatusView) => {
    setSnapshot((current) => ({ ...current, view: next(current.view) }));
  }, []);

  const refresh = useCallback(async (): Promise<ApiResult<BookingStatusView>> => {
    const result = await fetchBookingStatus(saleId);
    if (result.ok) accept(result.data);
    return result;
  }, [saleId, accept]);

  useEffect(() => {
    let source: EventSource | null = null;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    let stopped = false;

    const checkThenReconnect = () => {
      const delay = pollDelayMs(failures);
      failures += 1;
      setTransport({ mode: "polling", nextCheckMs: delay });
      retryTimer = setTimeout(() => {
        void refresh().finally(() => {
          if (!stopped) connect();
        });
      }, delay);
    };

    const connect = () => {
      if (typeof EventSource === "undefined") {
        checkThenReconnect();
        return;
      }
      const stream = new EventSource(`/api/sales/${encodeURIComponent(saleId)}/events`);
      source = stream;
      stream.addEventListener("open", () => {
        // Events sent while the stream was down are gone; catch up once.
        if (failures > 0) void refresh();
        failures = 0;
        setTransport({ mode: "live" });
      });
      stream.addEventListener("status", (event) => {
        const view = parseView((event as MessageEvent).data);
        if (view) accept(view);
      });
      // The server may send a named `error` event (a status read failed) on a healthy stream; its
      // next read will follow. Only a failed connection (an event without data) is handled here:
      // EventSource would retry on its own at a fixed pace; we take over to back off and poll.
      stream.addEventListener("error", (event) => {
        if (typeof (event as MessageEvent).data === "string") return;
        stream.close();
        if (source === stream) source = null;
        if (!stopped) checkThenReconnect();
      });
    };

    const onVisible = () => {
      if (document.visibilityState === "visible") void refresh();
    };

    connect();
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      stopped = true;
      source?.close();
      clearTimeout(retryTimer);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [saleId, accept, refresh]);

  return { view: snapshot.view, clockOffsetMs: snapshot.clockOffsetMs, transport, refresh, assume };
}
