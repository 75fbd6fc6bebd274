"use client";

import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useSaleDashboard } from "@/components/admin/use-sale-dashboard";
import { describeDuration, formatPrice } from "@/components/ui/format";
import { LocalTime } from "@/components/ui/local-time";
import type { DashboardPoint, Stall, WindowSummary } from "@/lib/domain/admin/dashboard-series";
import type { DashboardSnapshot } from "@/lib/domain/admin/dashboard-snapshot";
import type { SaleOutcomes } from "@/lib/domain/inventory/read-sale-stats";
import type { AdminSale } from "@/lib/domain/sales/admin-sale";

const OUTCOME_LABELS: Record<keyof SaleOutcomes, string> = {
  hold: "Hold",
  waitlisted: "Waitlisted",
  sold_out: "Sold out",
  booked: "Booked",
  expired: "Expired",
  cancelled: "Cancelled",
  rejected: "Rejected",
  promoted: "Promoted",
};

const COLORS = { available: "#059669", holds: "#d97706", booked: "#4f46e5", waitlist: "#db2777", served: "#0891b2", p95: "#dc2626" };

const clock = (at: number) => new Date(at).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", second: "2-digit" });
const whole = (value: number | null | undefined) => (value === null || value === undefined ? "—" : Math.round(value).toLocaleString("en"));
const rate = (value: number | null | undefined) => (value === null || value === undefined ? "—" : value < 10 ? value.toFixed(1) : Math.round(value).toLocaleString("en"));
const ms = (value: number | null | undefined) => (value === null || value === undefined ? "—" : `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`);

type DashboardSale = Pick<AdminSale, "id" | "status" | "startsAt" | "price" | "currency" | "stock">;

/** Latency of the last minute, or of the whole sale when nobody was admitted in the last minute. */
function latencyWindow(lastMinute: WindowSummary | null, wholeSale: WindowSummary | null): { summary: WindowSummary | null; hint: string } {
  if (lastMinute?.latencyP50Ms != null) return { summary: lastMinute, hint: "last minute, all web servers" };
  return { summary: wholeSale, hint: "whole sale so far (none in the last minute)" };
}

/**
 * The dashboard of one sale: numbers, charts since the start (history the worker keeps, then live
 * readings), revenue, and an alert when the line stops moving.
 */
export function SaleDashboard({ sale, history }: { sale: DashboardSale; history: DashboardSnapshot[] }) {
  const { points, latest, lastMinute, wholeSale, stall, mode, problem } = useSaleDashboard(sale.id, history);
  const last: DashboardPoint | undefined = points.at(-1);
  const stats = latest?.stats;
  const latency = latencyWindow(lastMinute, wholeSale);
  const notStarted = sale.status === "draft" || sale.status === "scheduled";
  const soldShare = stats && stats.stock > 0 ? stats.booked / stats.stock : null;
  const outcomes = stats ? (Object.keys(OUTCOME_LABELS) as (keyof SaleOutcomes)[]).map((key) => ({ outcome: OUTCOME_LABELS[key], count: stats.outcomes[key] })) : [];

  return (
    <section aria-labelledby="dashboard-title" className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="dashboard-title" className="text-lg font-bold">
          Live dashboard
        </h2>
        <p className="text-sm text-slate-600" data-testid="dashboard-mode">
          {mode === "stream" ? "Live (streaming)" : mode === "polling" ? "Live (polling every 2 s)" : "Connecting…"}
          {latest && <> · updated {clock(latest.at)}</>}
        </p>
      </div>
      {notStarted && <WhatWillAppear sale={sale} />}
      {stall && latest && <StallAlert stall={stall} now={latest.at} />}
      {problem && (
        <p role="alert" className="rounded-xl border border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900">
          {problem}
        </p>
      )}

      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
        <Tile label="Stock left" value={stats && stats.stock > 0 ? `${whole(stats.available)} / ${whole(stats.stock)}` : `— / ${whole(sale.stock)}`} testId="stat-available" />
        <Tile label="Holds" value={whole(stats?.holds)} testId="stat-holds" />
        <Tile label="Booked" value={whole(stats?.booked)} testId="stat-booked" />
        <Tile label="Revenue" value={stats ? formatPrice(stats.booked * sale.price, sale.currency) : "—"} hint={`confirmed bookings × ${formatPrice(sale.price, sale.currency)}`} testId="stat-revenue" />
        <Tile label="Sell-through" value={soldShare === null ? "—" : `${(soldShare * 100).toFixed(soldShare < 0.1 ? 1 : 0)} %`} hint="booked of the stock" testId="stat-sell-through" />
        <Tile label="Waitlist" value={whole(stats?.waitlist)} testId="stat-waitlist" />
        <Tile label="Pre-queue" value={whole(stats?.prequeue)} hint="joined before the start, drawn at it" testId="stat-prequeue" />
        <Tile label="In line (this sale)" value={whole(last?.backlog)} hint="admitted, not yet served" testId="stat-backlog" />
        <Tile label="RabbitMQ queue depth" value={latest ? (latest.queueDepth === null ? "unknown" : whole(latest.queueDepth)) : "—"} hint="all sales" testId="stat-queue" />
        <Tile label="Intents / s" value={rate(last?.intentsPerSec)} hint={`admitted now; ${rate(lastMinute?.intentsPerSec)} over the last minute`} testId="stat-intents" />
        <Tile label="Served / s" value={rate(last?.servedPerSec)} hint="answered by the worker" />
        <Tile label="Admission p50" value={ms(latency.summary?.latencyP50Ms)} hint={latency.hint} testId="stat-latency-p50" />
        <Tile label="Admission p95" value={ms(latency.summary?.latencyP95Ms)} hint={latency.hint} testId="stat-latency-p95" />
      </dl>

      {notStarted && points.length === 0 ? null : (
      <div className="grid gap-4 lg:grid-cols-2" data-testid="dashboard-charts" data-since={points[0]?.at}>
        <Chart title="Stock, holds, bookings and waitlist">
          <LineChart data={points}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
            <XAxis dataKey="at" tickFormatter={clock} minTickGap={40} fontSize={12} />
            <YAxis allowDecimals={false} fontSize={12} width={48} />
            <Tooltip labelFormatter={(at) => clock(Number(at))} />
            <Legend />
            <Line type="stepAfter" dataKey="available" name="Stock left" stroke={COLORS.available} dot={false} isAnimationActive={false} />
            <Line type="stepAfter" dataKey="holds" name="Holds" stroke={COLORS.holds} dot={false} isAnimationActive={false} />
            <Line type="stepAfter" dataKey="booked" name="Booked" stroke={COLORS.booked} dot={false} isAnimationActive={false} />
            <Line type="stepAfter" dataKey="waitlist" name="Waitlist" stroke={COLORS.waitlist} dot={false} isAnimationActive={false} />
          </LineChart>
        </Chart>
        <Chart title="Intents and service per second">
          <LineChart data={points}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
            <XAxis dataKey="at" tickFormatter={clock} minTickGap={40} fontSize={12} />
            <YAxis fontSize={12} width={48} />
            <Tooltip labelFormatter={(at) => clock(Number(at))} />
            <Legend />
            <Line type="monotone" dataKey="intentsPerSec" name="Intents / s" stroke={COLORS.booked} dot={false} isAnimationActive={false} connectNulls />
            <Line type="monotone" dataKey="servedPerSec" name="Served / s" stroke={COLORS.served} strokeDasharray="5 4" dot={false} isAnimationActive={false} connectNulls />
          </LineChart>
        </Chart>
        <Chart title="Answers by outcome (since the start)">
          <BarChart data={outcomes}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
            <XAxis dataKey="outcome" fontSize={12} interval={0} angle={-20} textAnchor="end" height={48} />
            <YAxis allowDecimals={false} fontSize={12} width={48} />
            <Tooltip />
            <Bar dataKey="count" name="Answers" fill={COLORS.booked} isAnimationActive={false} />
          </BarChart>
        </Chart>
        <Chart title="Admission latency (all web servers)">
          <LineChart data={points}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
            <XAxis dataKey="at" tickFormatter={clock} minTickGap={40} fontSize={12} />
            <YAxis fontSize={12} width={48} unit=" ms" />
            <Tooltip labelFormatter={(at) => clock(Number(at))} formatter={(value) => ms(Number(value))} />
            <Legend />
            <Line type="monotone" dataKey="latencyP50Ms" name="p50" stroke={COLORS.served} dot={{ r: 2 }} isAnimationActive={false} connectNulls />
            <Line type="monotone" dataKey="latencyP95Ms" name="p95" stroke={COLORS.p95} dot={{ r: 2 }} isAnimationActive={false} connectNulls />
          </LineChart>
        </Chart>
      </div>
      )}
    </section>
  );
}

function StallAlert({ stall, now }: { stall: Stall; now: number }) {
  return (
    <div role="alert" data-testid="stall-alert" className="rounded-xl border border-rose-300 bg-rose-50 px-4 py-3 text-sm text-rose-900">
      <p className="font-bold">The line has stalled.</p>
      <p>
        {stall.waiting.toLocaleString("en")} {stall.waiting === 1 ? "shopper waits" : "shoppers wait"}, and nobody has been served since{" "}
        <LocalTime iso={new Date(stall.since).toISOString()} /> ({describeDuration((now - stall.since) / 1000)}). Check that a worker is running and that RabbitMQ is
        reachable (health page, worker logs).
      </p>
    </div>
  );
}

/** A sale that has not started: what this page will show, rather than empty tiles. */
function WhatWillAppear({ sale }: { sale: DashboardSale }) {
  return (
    <div data-testid="dashboard-preview" className="rounded-xl border border-indigo-200 bg-indigo-50 px-4 py-3 text-sm text-indigo-950">
      <p className="font-bold">
        {sale.status === "draft" ? "This sale is a draft: nothing is live yet." : <>This sale starts at <LocalTime iso={sale.startsAt} />.</>}
      </p>
      <p className="mt-1">Once it is live, this dashboard fills in by itself and keeps the whole sale, so a refresh or a colleague sees it all:</p>
      <ul className="mt-1 list-disc pl-5">
        <li>stock left of {sale.stock.toLocaleString("en")}, holds, bookings, revenue at {formatPrice(sale.price, sale.currency)} each and sell-through;</li>
        <li>the line: shoppers admitted and not yet served, the waitlist, intents and service per second, admission latency;</li>
        <li>charts from the first minute, one reading every 10 seconds, then every second while you watch;</li>
        <li>an alert when shoppers wait and nobody has been served for over a minute.</li>
      </ul>
      {sale.status === "scheduled" && <p className="mt-1">Shoppers who arrive early join the pre-queue, counted below.</p>}
    </div>
  );
}

function Tile({ label, value, hint, testId }: { label: string; value: string; hint?: string; testId?: string }) {
  return (
    <div className="rounded-xl border border-slate-200 bg-white px-4 py-3 shadow-sm">
      <dt className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{label}</dt>
      <dd className="mt-1 text-2xl font-bold tabular-nums" data-testid={testId}>
        {value}
      </dd>
      {hint && <dd className="text-xs text-slate-500">{hint}</dd>}
    </div>
  );
}

function Chart({ title, children }: { title: string; children: React.ReactElement }) {
  return (
    <figure className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <figcaption className="mb-2 text-sm font-semibold text-slate-700">{title}</figcaption>
      <div className="h-60">
        <ResponsiveContainer width="100%" height="100%">
          {children}
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
