import { readSaleFrontier } from "@/lib/domain/booking/read-sale-frontier";
import type { SaleFrontier } from "@/lib/domain/booking/status-view";
import { subscribeSaleEvents, type SaleEvent } from "@/lib/realtime/sale-events";
import { logger } from "@/lib/log/logger";

/** How often a process reads each watched sale's frontier: one read per sale, whatever the crowd. */
export const FRONTIER_TICK_MS = 1_000;
/** A comment line every so often keeps proxies from closing a quiet stream. */
const HEARTBEAT_TICKS = 15;
const HEARTBEAT = new TextEncoder().encode(": heartbeat\n\n");

/** One stream (or other listener) in a sale's room. */
export type RoomMember = {
  userId: string;
  /** The frontier moved; `chunk` is its SSE message, encoded once for every member. */
  onFrontier(frontier: SaleFrontier, chunk: Uint8Array): void;
  /** A sale event named this member's user: their own state changed. */
  onUserEvent(): void;
  /** Nothing moved for a while: keep the connection warm. */
  onHeartbeat(chunk: Uint8Array): void;
};

/**
 * A sale's waiting shoppers in this process. One frontier read per tick and one event subscription
 * are shared by all of them; an event reaches only the members it names (a map lookup per named
 * user, not a scan of every stream per event).
 */
type Room = {
  members: Set<RoomMember>;
  byUser: Map<string, Set<RoomMember>>;
  frontierKey: string;
  quietTicks: number;
  timer: ReturnType<typeof setInterval>;
  unsubscribe: () => void;
};

/** The last frontier read per sale, and the read under way: concurrent askers share one. */
type FrontierCache = { frontier: SaleFrontier | null; readAtMs: number; reading: Promise<SaleFrontier> | null };

// On globalThis: server.ts's hot routes and Next's bundle load this module separately.
const globalForRooms = globalThis as unknown as { flashSaleRooms?: Map<string, Room>; flashSaleFrontiers?: Map<string, FrontierCache> };

function rooms(): Map<string, Room> {
  globalForRooms.flashSaleRooms ??= new Map();
  return globalForRooms.flashSaleRooms;
}

function frontierCache(saleId: string): FrontierCache {
  globalForRooms.flashSaleFrontiers ??= new Map();
  let cache = globalForRooms.flashSaleFrontiers.get(saleId);
  if (!cache) {
    cache = { frontier: null, readAtMs: 0, reading: null };
    globalForRooms.flashSaleFrontiers.set(saleId, cache);
  }
  return cache;
}

/**
 * The sale's frontier, read from Redis unless this process read it less than `maxAgeMs` ago: at
 * most one read per sale and process per tick, shared by the room's ticker and the polling
 * endpoint (which a CDN caches again for everyone).
 */
export function currentFrontier(saleId: string, maxAgeMs = FRONTIER_TICK_MS, nowMs = Date.now()): Promise<SaleFrontier> {
  const cache = frontierCache(saleId);
  if (cache.frontier && nowMs - cache.readAtMs < maxAgeMs) return Promise.resolve(cache.frontier);
  cache.reading ??= readSaleFrontier(saleId)
    .then((frontier) => {
      cache.frontier = frontier;
      cache.readAtMs = Date.now();
      return frontier;
    })
    .finally(() => {
      cache.reading = null;
    });
  return cache.reading;
}

/** The frontier as this process last saw it, for a stream that starts between ticks. */
export function lastFrontier(saleId: string): SaleFrontier | null {
  return frontierCache(saleId).frontier;
}

const encoder = new TextEncoder();

function frontierChunk(frontier: SaleFrontier): Uint8Array {
  return encoder.encode(`event: frontier\ndata: ${JSON.stringify(frontier)}\n\n`);
}

async function tick(saleId: string, room: Room): Promise<void> {
  let frontier: SaleFrontier;
  try {
    // Half a tick: a poll just before the tick must not make the ticker skip a move.
    frontier = await currentFrontier(saleId, FRONTIER_TICK_MS / 2);
  } catch (error) {
    logger.warn({ err: error, saleId }, "frontier read failed");
    return;
  }
  // serverTime changes on every read; only a move of the line or the sale is news.
  const key = `${frontier.served}|${frontier.saleStatus}|${frontier.stockLeft}|${frontier.drainRate}`;
  if (key !== room.frontierKey) {
    room.frontierKey = key;
    room.quietTicks = 0;
    const chunk = frontierChunk(frontier);
    for (const member of room.members) member.onFrontier(frontier, chunk);
  } else if (++room.quietTicks >= HEARTBEAT_TICKS) {
    room.quietTicks = 0;
    for (const member of room.members) member.onHeartbeat(HEARTBEAT);
  }
}

function dispatch(room: Room, event: SaleEvent): void {
  for (const userId of event.users) {
    const members = room.byUser.get(userId);
    if (members) for (const member of members) member.onUserEvent();
  }
}

function openRoom(saleId: string): Room {
  const room: Room = {
    members: new Set(),
    byUser: new Map(),
    frontierKey: "",
    quietTicks: 0,
    timer: setInterval(() => void tick(saleId, room), FRONTIER_TICK_MS),
    unsubscribe: () => {},
  };
  room.timer.unref();
  room.unsubscribe = subscribeSaleEvents(saleId, (event) => dispatch(room, event));
  rooms().set(saleId, room);
  return room;
}

/** Adds a member to the sale's room (opening it: one subscription, one ticker); returns its leave. */
export function joinSaleRoom(saleId: string, member: RoomMember): () => void {
  const room = rooms().get(saleId) ?? openRoom(saleId);
  room.members.add(member);
  let mine = room.byUser.get(member.userId);
  if (!mine) {
    mine = new Set();
    room.byUser.set(member.userId, mine);
  }
  mine.add(member);
  return () => {
    room.members.delete(member);
    mine.delete(member);
    if (mine.size === 0) room.byUser.delete(member.userId);
    if (room.members.size === 0 && rooms().get(saleId) === room) {
      clearInterval(room.timer);
      room.unsubscribe();
      rooms().delete(saleId);
    }
  };
}
