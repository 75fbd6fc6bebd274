"use client";

import { useEffect, useMemo, useState } from "react";
import { adminFetch, AdminApiError } from "@/components/admin/admin-api";
import {
  findStall,
  mergeDashboardSeries,
  summarizeWindow,
  toDashboardPoints,
  windowStart,
  type DashboardPoint,
  type Stall,
  type WindowSummary,
} from "@/lib/domain/admin/dashboard-series";
import type { DashboardSnapshot } from "@/lib/domain/admin/dashboard-snapshot";

/** Live readings kept besides the server's history: ten minutes at one a second. */
const MAX_LIVE = 600;
const POLL_MS = 2000;
/** After the stream failed, polling carries on and the stream is tried again this often. */
const STREAM_RETRY_MS = 30_000;
/** The tiles' window for rates and latency. */
const WINDOW_MS = 60_000;

export type DashboardFeed = {
  points: DashboardPoint[];
  latest: DashboardSnapshot | null;
  /** Intents per second and admission latency over the last minute. */
  lastMinute: WindowSummary | null;
  /** The same over every reading shown (the whole sale, once the history is in). */
  wholeSale: WindowSummary | null;
  /** Shoppers wait and nobody has been served for over a minute. */
  stall: Stall | null;
  /** How the numbers arrive: the SSE stream, or polling while the stream is down. */
  mode: "connecting" | "stream" | "polling";
  problem: string | null;
};

type Readings = { live: DashboardSnapshot[]; mode: DashboardFeed["mode"]; problem: string | null };

/**
 * The sale's numbers: the history the server kept (so a refresh loses nothing), then live
 * readings over Server-Sent Events, falling back to polling the JSON endpoint.
 */
export function useSaleDashboard(saleId: string, history: DashboardSnapshot[]): DashboardFeed {
  const [readings, setReadings] = useState<Readings>({ live: [], mode: "connecting", problem: null });

  useEffect(() => {
    let source: EventSource | null = null;
    let pollTimer: ReturnType<typeof setTimeout> | undefined;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;

    const accept = (snapshot: DashboardSnapshot, mode: DashboardFeed["mode"]) =>
      setReadings((current) => ({ live: [...current.live, snapshot].slice(-MAX_LIVE), mode, problem: null }));
    const fail = (problem: string) => setReadings((current) => ({ ...current, problem }));

    const poll = async () => {
      try {
        const { snapshot } = await adminFetch<{ snapshot: DashboardSnapshot }>(`/api/admin/sales/${saleId}/stats`);
        if (!stopped) accept(snapshot, "polling");
      } catch (error) {
        fail(error instanceof AdminApiError ? error.message : "Live numbers are unavailable right now.");
      } finally {
        if (!stopped && pollTimer !== undefined) pollTimer = setTimeout(poll, POLL_MS);
      }
    };
    const startPolling = () => {
      if (pollTimer !== undefined) return;
      setReadings((current) => ({ ...current, mode: "polling" }));
      pollTimer = setTimeout(poll, 0);
    };
    const stopPolling = () => {
      clearTimeout(pollTimer);
      pollTimer = undefined;
    };

    const connect = () => {
      if (typeof EventSource === "undefined") return startPolling();
      source = new EventSource(`/api/admin/sales/${saleId}/stats/stream`);
      source.addEventListener("snapshot", (event) => {
        stopPolling();
        accept(JSON.parse((event as MessageEvent<string>).data) as DashboardSnapshot, "stream");
      });
      source.addEventListener("problem", (event) => fail((JSON.parse((event as MessageEvent<string>).data) as { message: string }).message));
      source.addEventListener("error", () => {
        source?.close();
        source = null;
        startPolling();
        retryTimer = setTimeout(() => {
          if (!stopped) connect();
        }, STREAM_RETRY_MS);
      });
    };
    connect();

    return () => {
      stopped = true;
      source?.close();
      stopPolling();
      clearTimeout(retryTimer);
    };
  }, [saleId]);

  return useMemo(() => {
    const snapshots = mergeDashboardSeries(history, readings.live, MAX_LIVE);
    const latest = snapshots.at(-1) ?? null;
    return {
      points: toDashboardPoints(snapshots),
      latest,
      lastMinute: summarizeWindow(windowStart(snapshots, WINDOW_MS), latest ?? undefined),
      wholeSale: summarizeWindow(snapshots[0], latest ?? undefined, "start"),
      stall: findStall(snapshots),
      mode: readings.mode,
      problem: readings.problem,
    };
  }, [history, readings]);
}
