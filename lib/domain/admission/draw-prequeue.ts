import { randomInt } from "node:crypto";
import { logger } from "@/lib/log/logger";
import { redis } from "@/lib/redis/client";
import { ACTIVE_SALES_KEY, saleKeys } from "@/lib/redis/keys";
import { acquireLock, releaseLock, renewLock } from "@/lib/redis/lock";
import { runScript } from "@/lib/redis/scripts";
import type { BookingRequest } from "@/lib/messaging/booking-request";
import { publishSaleEvent } from "@/lib/realtime/sale-events";

/** What admission keeps of an intent that joined the pre-queue, for the draw to publish. */
type PrequeuedIntent = { admittedAt: number; ip: string; userAgent: string };

type Publish = (request: BookingRequest) => Promise<void>;

/** Users drawn per script call: one short Lua run, then their publishes. */
const DRAW_BATCH = 1000;
/** The draw lock outlives a stalled drawer by this much; each batch renews it. */
const LOCK_MS = 30_000;

export function encodePrequeuedIntent(intent: PrequeuedIntent): string {
  return JSON.stringify({ ...intent, userAgent: intent.userAgent.slice(0, 512) });
}

/** Fisher–Yates with a cryptographic source: every order equally likely, none predictable. */
export function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/**
 * Parses one drawn record (`ticket|userId|<intent JSON>`, field bookingId) into the request the
 * worker consumes.
 */
function drawnRequest(saleId: string, bookingId: string, raw: string): BookingRequest {
  const first = raw.indexOf("|");
  const second = raw.indexOf("|", first + 1);
  const intent = JSON.parse(raw.slice(second + 1)) as PrequeuedIntent;
  return {
    v: 1,
    saleId,
    userId: raw.slice(first + 1, second),
    bookingId,
    ticket: Number(raw.slice(0, first)),
    admittedAt: intent.admittedAt,
    ip: intent.ip,
    userAgent: intent.userAgent,
  };
}

/**
 * Publishes every drawn intent not yet confirmed by RabbitMQ, in ticket order, then forgets them.
 * Run after each draw and first thing in the next one, so a drawer that died between its draw and
 * its publishes loses nothing; a request published twice is served once (the worker checks the
 * user's entry), so the retry is safe.
 */
async function publishDrawn(saleId: string, publish: Publish): Promise<number> {
  const keys = saleKeys(saleId);
  const drawn = await redis().hgetall(keys.drawn);
  const requests = Object.entries(drawn)
    .map(([bookingId, raw]) => drawnRequest(saleId, bookingId, raw))
    .sort((a, b) => a.ticket - b.ticket);
  if (requests.length === 0) return 0;
  // One confirm channel keeps publish order, so the batch is published at once and awaited together.
  await Promise.all(requests.map((request) => publish(request)));
  await redis().hdel(keys.drawn, ...requests.map((request) => request.bookingId));
  await publishSaleEvent(saleId, requests.map((request) => request.userId));
  return requests.length;
}

export type DrawResult = { drawn: number; outcome: "drawn" | "not_open" | "busy" };

/**
 * Gives everyone in a sale's pre-queue a place in line, in a uniformly random order, once the sale
 * is open. Users who arrive while the draw runs join the pre-queue too (admission sends them there
 * until it is empty), so they are drawn in the next round, still ahead of nobody. One process
 * draws at a time (a lock in Redis); the draw script skips anyone already drawn, so even two
 * drawers would give each user one ticket.
 */
export async function drawPrequeue(saleId: string, publish: Publish): Promise<DrawResult> {
  const keys = saleKeys(saleId);
  const token = await acquireLock(keys.drawLock, LOCK_MS);
  if (!token) return { drawn: 0, outcome: "busy" };
  // The script decides whether the sale is open; with no users it only answers that, so a sweep
  // before the start does not read and shuffle the whole pre-queue for nothing.
  const draw = async (userIds: string[]) =>
    (await runScript<[string, number | string]>(redis(), "draw-prequeue", [keys.meta, keys.users, keys.seq, keys.prequeue, keys.drawn], userIds))[0] === "ok";
  let drawn = 0;
  try {
    drawn += await publishDrawn(saleId, publish);
    for (;;) {
      if (!(await draw([]))) return { drawn, outcome: "not_open" };
      const waiting = shuffle(await redis().hkeys(keys.prequeue));
      if (waiting.length === 0) return { drawn, outcome: "drawn" };
      for (let start = 0; start < waiting.length; start += DRAW_BATCH) {
        if (!(await draw(waiting.slice(start, start + DRAW_BATCH)))) return { drawn, outcome: "not_open" };
        drawn += await publishDrawn(saleId, publish);
        // Our lock ran out and another drawer took it: it carries on from here.
        if (!(await renewLock(keys.drawLock, token, LOCK_MS))) return { drawn, outcome: "busy" };
      }
    }
  } finally {
    await releaseLock(keys.drawLock, token);
    if (drawn > 0) logger.info({ saleId, drawn }, "pre-queue drawn");
  }
}

/**
 * The safety net behind the draw at launch: draws every open sale whose pre-queue still has users
 * (the launching process died, or users joined while the sale was paused) or whose drawn intents
 * were never confirmed.
 */
export async function drawDuePrequeues(publish: Publish): Promise<number> {
  const saleIds = await redis().smembers(ACTIVE_SALES_KEY);
  let drawn = 0;
  for (const saleId of saleIds) {
    const keys = saleKeys(saleId);
    const [waiting, unconfirmed] = await Promise.all([redis().hlen(keys.prequeue), redis().hlen(keys.drawn)]);
    if (waiting === 0 && unconfirmed === 0) continue;
    try {
      drawn += (await drawPrequeue(saleId, publish)).drawn;
    } catch (error) {
      logger.warn({ err: error, saleId }, "pre-queue draw failed; the next sweep retries");
    }
  }
  return drawn;
}
