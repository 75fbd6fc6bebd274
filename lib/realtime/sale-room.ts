import { readSaleFrontier } from "@/lib/domain/booking/read-sale-frontier";
import type { SaleFrontier } from "@/lib/domain/booking/status-view";
import { subscribeSaleEvents, type SaleEvent } from "@/lib/realtime/sale-events";
import { logger } from "@/lib/log/logger";

/** How often a process reads each watched sale's frontier: one read per sale, whatever the crowd. */
export const FRONTIER_TICK_MS = 1_000;
/** A comment line every so often keeps proxies from closing a quiet stream. */
const HEARTBEAT_TICKS = 15;
const HEARTBEAT = new TextEncoder().encode(": heartbeat\n\n");
/** After missed events, the members' own reads are spread over this long, in slices. */
export const RESYNC_SPREAD_MS = 800;
const RESYNC_SLICES = 8;

/** One stream (or other listener) in a sale's room. */
export type RoomMember = {
  userId: string;
  /** The frontier moved; `chunk` is its SSE message, encoded once for every member. */
  onFrontier(frontier: SaleFrontier, chunk: Uint8Array): void;
  /** Read the member's own state again: an event named them, or one may have been missed. */
  refresh(): void;
  /** Whether an event, rather than the frontier, can change this member's state (not while queued). */
  awaitsEvents(): boolean;
  /** Nothing moved for a while: keep the connection warm. */
  onHeartbeat(chunk: Uint8Array): void;
};

/** A member's place in its room. */
export type RoomMembership = {
  leave(): void;
  /** Refreshes the member on one of the room's next ticks (after a failed read, say). */
  refreshLater(): void;
};

/**
 * A sale's waiting shoppers in this process. One frontier read per tick and one event subscription
 * are shared by all of them; an event reaches only the members it names (a map lookup per named
 * user, not a scan of every stream per event). Timers are the room's, never one per member.
 */
type Room = {
  saleId: string;
  members: Set<RoomMember>;
  byUser: Map<string, RoomMember[]>;
  frontierKey: string;
  quietTicks: number;
  /**
   * Members to refresh on the next tick, and on the tick after: a member that just joined may have
   * missed an event between the route's read and its joining (or before a new room's subscription
   * was confirmed), so it reads once more a tick or two later, when both are surely in place.
   */
  dueNextTick: Set<RoomMember>;
  dueInTwoTicks: Set<RoomMember>;
  resync: ReturnType<typeof setTimeout> | null;
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

/** Reads the frontier (fresher than `maxAgeMs`) and fans it out if the line or the sale moved. */
async function readFrontier(room: Room, maxAgeMs: number): Promise<void> {
  let frontier: SaleFrontier;
  try {
    frontier = await currentFrontier(room.saleId, maxAgeMs);
  } catch (error) {
    logger.warn({ err: error, saleId: room.saleId }, "frontier read failed");
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

function tick(room: Room): void {
  const due = room.dueNextTick;
  room.dueNextTick = room.dueInTwoTicks;
  room.dueInTwoTicks = new Set();
  for (const member of due) member.refresh();
  // Half a tick: a poll just before the tick must not make the ticker skip a move.
  void readFrontier(room, FRONTIER_TICK_MS / 2);
}

function dispatch(room: Room, event: SaleEvent): void {
  for (const userId of event.users) {
    const members = room.byUser.get(userId);
    if (members) for (const member of members) member.refresh();
  }
}

/**
 * The subscription's connection dropped and came back: events published meanwhile are lost. The
 * frontier is read at once; members whose state only an event changes (holds, waitlist places…)
 * read their own, spread over RESYNC_SPREAD_MS in slices, starting at a random offset, so that
 * every room of every process does not hit Redis in the same instant. Queued members need nothing:
 * their change comes with the frontier.
 */
function resync(room: Room): void {
  void readFrontier(room, 0);
  if (room.resync) clearTimeout(room.resync);
  const pending = [...room.members].filter((member) => member.awaitsEvents());
  const slice = Math.max(1, Math.ceil(pending.length / RESYNC_SLICES));
  const gap = RESYNC_SPREAD_MS / RESYNC_SLICES;
  const next = () => {
    for (const member of pending.splice(0, slice)) if (room.members.has(member)) member.refresh();
    room.resync = pending.length > 0 ? setTimeout(next, gap) : null;
    room.resync?.unref();
  };
  room.resync = setTimeout(next, Math.random() * gap);
  room.resync.unref();
}

function openRoom(saleId: string): Room {
  const room: Room = {
    saleId,
    members: new Set(),
    byUser: new Map(),
    frontierKey: "",
    quietTicks: 0,
    dueNextTick: new Set(),
    dueInTwoTicks: new Set(),
    resync: null,
    timer: setInterval(() => tick(room), FRONTIER_TICK_MS),
    unsubscribe: () => {},
  };
  room.timer.unref();
  room.unsubscribe = subscribeSaleEvents(
    saleId,
    (event) => dispatch(room, event),
    () => resync(room),
  );
  rooms().set(saleId, room);
  return room;
}

function closeRoom(room: Room): void {
  clearInterval(room.timer);
  if (room.resync) clearTimeout(room.resync);
  room.unsubscribe();
  rooms().delete(room.saleId);
}

/** Adds a member to the sale's room (opening it: one subscription, one ticker). */
export function joinSaleRoom(saleId: string, member: RoomMember): RoomMembership {
  const room = rooms().get(saleId) ?? openRoom(saleId);
  room.members.add(member);
  const mine = room.byUser.get(member.userId);
  if (mine) mine.push(member);
  else room.byUser.set(member.userId, [member]);
  room.dueInTwoTicks.add(member);
  return {
    leave() {
      if (!room.members.delete(member)) return;
      room.dueNextTick.delete(member);
      room.dueInTwoTicks.delete(member);
      const others = room.byUser.get(member.userId)?.filter((each) => each !== member) ?? [];
      if (others.length > 0) room.byUser.set(member.userId, others);
      else room.byUser.delete(member.userId);
      if (room.members.size === 0 && rooms().get(saleId) === room) closeRoom(room);
    },
    refreshLater() {
      if (room.members.has(member)) room.dueNextTick.add(member);
    },
  };
}
