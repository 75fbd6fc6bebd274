/**
 * Every Redis key the system uses, built in one place.
 *
 * All keys of one sale carry the hash tag `{<saleId>}`, so every Lua script (which only ever
 * touches one sale) runs on a single Redis Cluster slot. The seed's names stay recognizable:
 * `inventory:{<saleId>}:count` and `hold:{<saleId>}:<bookingId>`.
 */
export function saleKeys(saleId: string) {
  const tag = `{${saleId}}`;
  return {
    /** Hash: status, stock, holdMs, waitlistMax, startsAt, endsAt. */
    meta: `sale:${tag}:meta`,
    /** Tickets served per second, as the worker last measured it (apart from meta, which admin edits WATCH). */
    drainRate: `sale:${tag}:drain-rate`,
    /** Integer: items neither held nor booked. */
    inventory: `inventory:${tag}:count`,
    /** Integer: the last ticket handed out at admission. */
    seq: `sale:${tag}:seq`,
    /** Integer: the highest ticket the worker has served (the queue frontier). */
    served: `sale:${tag}:served`,
    /** Hash: userId → "status|bookingId|ticket|expiresAt" (the user's one live attempt). */
    users: `sale:${tag}:users`,
    /** Sorted set: live holds, member bookingId, score expiresAt (ms). */
    holds: `sale:${tag}:holds`,
    /** Sorted set: waitlisted users, member "bookingId|userId", score ticket. */
    waitlist: `sale:${tag}:waitlist`,
    /** Hash: userId → JSON of the intent ({admittedAt, ip, userAgent}; the booking id is in `users`), for users who arrived before the start. */
    prequeue: `sale:${tag}:prequeue`,
    /** Hash: bookingId → "ticket|userId|<intent JSON>": drawn from the pre-queue, not yet confirmed by RabbitMQ. */
    drawn: `sale:${tag}:drawn`,
    /** String: held by the one process drawing the pre-queue (SET NX PX). */
    drawLock: `sale:${tag}:draw-lock`,
    /** Set: bookingIds whose admission was undone (their message must be ignored). */
    void: `sale:${tag}:void`,
    /** Hash: counters by outcome (hold, waitlisted, sold_out, booked, expired, cancelled, rejected). */
    stats: `sale:${tag}:stats`,
    /** Hash: bookingId → the MongoDB state it must reach, "status|userId|ticket|expiresAt|rank|at" (the outbox). */
    dirty: `sale:${tag}:dirty`,
    /** Hash: admissions by latency bucket bound ("0.001" … "+Inf") → count, summed over every web process. */
    admissionLatency: `sale:${tag}:admission-latency`,
    /** Hash: 10-second bucket start (ms) → JSON of the dashboard reading the worker took then (bounded). */
    history: `sale:${tag}:history`,
    /**
     * String: the lease of the one process that may update the sale's booking documents (the
     * outbox drainer) or rebuild the sale from MongoDB (reconcile); its value is the holder's token.
     */
    writer: `sale:${tag}:writer`,
    /** Prefix of the per-hold hashes; a script builds `hold:{saleId}:<bookingId>` from it. */
    holdPrefix: `hold:${tag}:`,
  };
}

export type SaleKeys = ReturnType<typeof saleKeys>;

export function holdKey(saleId: string, bookingId: string): string {
  return `${saleKeys(saleId).holdPrefix}${bookingId}`;
}

/**
 * Set of sale ids that have Redis state (for the sweeper, the outbox drainer and reconciliation); a
 * sale leaves it once ended and settled. Global, outside every sale's slot: only single-key commands.
 */
export const ACTIVE_SALES_KEY = "sales:active";

/** Set by the worker when it has (re)built Redis from MongoDB: gone means Redis came back empty. */
export const REDIS_BUILT_MARKER_KEY = "worker:redis-built";

/** Pub/sub channel with every state change of one sale (the web fans it out to SSE clients). */
export function saleChannel(saleId: string): string {
  return `sale:{${saleId}}:events`;
}

/** Rate-limit key prefixes (rate-limiter-flexible adds its own suffix). */
export const RATE_LIMIT_PREFIX = {
  user: "rl:user",
  ip: "rl:ip",
  signUpIp: "rl:signup:ip",
  signInFailuresAccount: "rl:signin:account",
  signInFailuresIp: "rl:signin:ip",
} as const;

/** Set of blocked user ids and IPs (admin action). */
export const BLOCKED_USERS_KEY = "blocked:users";
export const BLOCKED_IPS_KEY = "blocked:ips";

/** Marks a proof-of-work challenge as spent (by its signature), until the challenge expires. */
export function usedProofKey(challengeSignature: string): string {
  return `pow:used:${challengeSignature}`;
}

/** Set of sale ids that have a booking queue in RabbitMQ (the workers consume the queues listed here). */
export const BOOKING_QUEUES_KEY = "booking:queues";

/** Hash of the workers' leases on booking queues (`q:<saleId>`) and their heartbeats (`w:<workerId>`). */
export const BOOKING_LEASES_KEY = "booking:leases";

/** Held (SET NX PX) by the one worker moving messages out of the classic `booking_requests` queue. */
export const BOOKING_MIGRATION_LOCK_KEY = "booking:migration-lock";
