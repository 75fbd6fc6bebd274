"use client";

import { useEffect, useState } from "react";
import { adminFetch, AdminApiError } from "@/components/admin/admin-api";
import { summarizeWindow, toDashboardPoint, type DashboardPoint, type WindowSummary } from "@/lib/domain/admin/dashboard-series";
import type { DashboardSnapshot } from "@/lib/domain/admin/dashboard-snapshot";

/** Chart points kept: ten minutes at one reading a second. */
const MAX_POINTS = 600;
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
  /** How the numbers arrive: the SSE stream, or polling while the stream is down. */
  mode: "connecting" | "stream" | "polling";
  problem: string | null;
};

/** The sale's live numbers: Server-Sent Events, falling back to polling the JSON endpoint. */
export function useSaleDashboard(saleId: string): DashboardFeed {
  const [feed, setFeed] = useState<DashboardFeed>({ points: [], latest: null, lastMinute: null, mode: "connecting", problem: null });

  useEffect(() => {
    let previous: DashboardSnapshot | undefined;
    let recent: DashboardSnapshot[] = [];
    let source: EventSource | null = null;
    let pollTimer: ReturnType<typeof setTimeout> | undefined;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;

    const accept = (snapshot: DashboardSnapshot, mode: DashboardFeed["mode"]) => {
      const point = toDashboardPoint(snapshot, previous);
      previous = snapshot;
      recent = [...recent.filter((older) => older.at >= snapshot.at - WINDOW_MS), snapshot];
      const lastMinute = summarizeWindow(recent[0], snapshot);
      setFeed((current) => ({ latest: snapshot, lastMinute, points: [...current.points, point].slice(-MAX_POINTS), mode, problem: null }));
    };
    const fail = (problem: string) => setFeed((current) => ({ ...current, problem }));

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
      setFeed((current) => ({ ...current, mode: "polling" }));
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

  return feed;
}
