"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { applyFrontier, frontierReached, type BookingStatusView, type SaleFrontier } from "@/lib/domain/booking/status-view";
import { fetchBookingStatus, fetchFrontier, type ApiResult } from "@/components/waiting-room/booking-api";
import { pageRequestStartMs } from "@/components/waiting-room/page-request-start";

/** How updates currently arrive: a live event stream, or polling while the stream is down. */
export type Transport = { mode: "connecting" } | { mode: "live" } | { mode: "polling"; nextCheckMs: number };

type Snapshot = { view: BookingStatusView; clockOffsetMs: number };

export const POLL_FIRST_MS = 1000;
/** At most two uncacheable requests a minute (a status check and a stream retry) while the stream is down. */
export const POLL_MAX_MS = 60_000;
/** While queued without a stream, the shared (cacheable) frontier is polled this often for the position. */
export const FRONTIER_POLL_MS = 2000;

/** The delay before fallback check number `failures` (0-based): 1 s, 2 s, 4 s … at most 60 s. */
export function pollDelayMs(failures: number): number {
  return Math.min(POLL_FIRST_MS * 2 ** failures, POLL_MAX_MS);
}

function snapshotOf(view: BookingStatusView, receivedAtMs: number): Snapshot {
  return { view, clockOffsetMs: Date.parse(view.serverTime) - receivedAtMs };
}

function parseJson<T>(data: unknown, isValid: (value: T) => boolean): T | null {
  if (typeof data !== "string") return null;
  try {
    const value = JSON.parse(data) as T;
    return value && isValid(value) ? value : null;
  } catch {
    return null;
  }
}

const parseView = (data: unknown) =>
  parseJson<BookingStatusView>(data, (view) => typeof view.state === "string" && typeof view.serverTime === "string");
const parseFrontier = (data: unknown) =>
  parseJson<SaleFrontier>(data, (frontier) => typeof frontier.served === "number" && typeof frontier.serverTime === "string");

/**
 * The signed-in user's booking state in one sale, always as the server says it: first the
 * server-rendered view, then every `status` event of the sale's SSE stream, and between them the
 * sale's `frontier` events, the same for every shopper, from which a queued position is computed
 * (ticket − frontier): waiting costs the server no read of this user's state. When the stream
 * fails, a queued page polls the cacheable frontier endpoint every 2 s and checks its own status
 * only once the frontier reached its ticket; other states check their status with a backoff (1 s,
 * 2 s, 4 s … 60 s), and the stream is retried after each check. Also re-read whenever the tab
 * becomes visible again.
 *
 * Views carry the server's time: an older view arriving late (a slow poll racing an event) is
 * dropped, and each view re-measures how far the server's clock is from this browser's.
 */
export function useBookingStatus(saleId: string, initialView: BookingStatusView) {
  // The server rendered this view while the page was being requested, not when it hydrated.
  const [snapshot, setSnapshot] = useState<Snapshot>(() => snapshotOf(initialView, pageRequestStartMs()));
  const [transport, setTransport] = useState<Transport>({ mode: "connecting" });

  const viewRef = useRef(initialView);
  useEffect(() => {
    viewRef.current = snapshot.view;
  }, [snapshot.view]);

  const accept = useCallback((view: BookingStatusView) => {
    const receivedAt = Date.now();
    setSnapshot((current) =>
      Date.parse(view.serverTime) < Date.parse(current.view.serverTime) ? current : snapshotOf(view, receivedAt),
    );
  }, []);

  const acceptFrontier = useCallback((frontier: SaleFrontier) => {
    const receivedAt = Date.now();
    setSnapshot((current) =>
      Date.parse(frontier.serverTime) < Date.parse(current.view.serverTime) ? current : snapshotOf(applyFrontier(current.view, frontier), receivedAt),
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
    let frontierTimer: ReturnType<typeof setInterval> | undefined;
    let failures = 0;
    let stopped = false;

    /** The frontier, when queued; the own status only once it can have changed. */
    const checkFrontier = async () => {
      const result = await fetchFrontier(saleId);
      if (!result.ok) return;
      acceptFrontier(result.data);
      if (frontierReached(viewRef.current, result.data)) await refresh();
    };
    const check = () => (viewRef.current.state === "queued" ? checkFrontier() : refresh());

    const checkThenReconnect = () => {
      const delay = pollDelayMs(failures);
      failures += 1;
      setTransport({ mode: "polling", nextCheckMs: delay });
      frontierTimer ??= setInterval(() => {
        if (viewRef.current.state === "queued") void checkFrontier();
      }, FRONTIER_POLL_MS);
      retryTimer = setTimeout(() => {
        void check().finally(() => {
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
      // The stream starts with the current status, so a reconnect needs no catch-up request.
      stream.addEventListener("open", () => {
        failures = 0;
        clearInterval(frontierTimer);
        frontierTimer = undefined;
        setTransport({ mode: "live" });
      });
      stream.addEventListener("status", (event) => {
        const view = parseView((event as MessageEvent).data);
        if (view) accept(view);
      });
      stream.addEventListener("frontier", (event) => {
        const frontier = parseFrontier((event as MessageEvent).data);
        if (frontier) acceptFrontier(frontier);
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
      clearInterval(frontierTimer);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [saleId, accept, acceptFrontier, refresh]);

  return { view: snapshot.view, clockOffsetMs: snapshot.clockOffsetMs, transport, refresh, assume };
}
