import type { BookingRequest } from "@/lib/messaging/booking-request";
import { SaleProgress } from "@/lib/db/models/sale-progress";
import { redis } from "@/lib/redis/client";
import { saleKeys } from "@/lib/redis/keys";
import { runScriptsPipelined } from "@/lib/redis/scripts";
import { publishSaleEvent } from "@/lib/realtime/sale-events";
import { parseUserEntry } from "@/lib/domain/booking/booking-state";
import type { BookingOrigin } from "@/lib/domain/booking/booking-document";
import { insertBookingRecords } from "@/lib/domain/booking/insert-booking-records";
import type { HoldEffects, HoldExpiry } from "@/lib/domain/holds/hold-effects";

/** `unwritten`: served in Redis, but its booking is not in MongoDB yet (the message waits). */
export type ServeOutcome = "hold" | "waitlisted" | "sold_out" | "rejected" | "done" | "stale" | "void" | "paused" | "unknown_sale" | "unwritten";

/** Outcomes after which the message is finished with and can be acknowledged. */
export const SETTLED_OUTCOMES: ReadonlySet<ServeOutcome> = new Set(["hold", "waitlisted", "sold_out", "rejected", "done", "stale", "void"]);

export type ServedIntent = { request: BookingRequest; outcome: ServeOutcome };

/**
 * Serves a batch of admitted intents of one sale, in the given (ticket) order: one atomic reserve
 * step each, pipelined in a single round trip; then the new bookings are inserted in MongoDB, the
 * hold expiries scheduled, and the users told. A booking MongoDB does not have yet comes back
 * `unwritten`, so its message is not acknowledged. Every step is idempotent, so a batch that is
 * redelivered after a crash changes nothing twice.
 */
export async function serveIntents(saleId: string, requests: BookingRequest[], effects: HoldEffects): Promise<ServedIntent[]> {
  const keys = saleKeys(saleId);
  const replies = await runScriptsPipelined<[ServeOutcome, string]>(
    redis(),
    requests.map((request) => ({
      name: "reserve",
      keys: [keys.meta, keys.users, keys.inventory, keys.holds, keys.waitlist, keys.served, keys.void, keys.stats, keys.dirty],
      args: [request.userId, request.bookingId, request.ticket, keys.holdPrefix],
    })),
  );

  const origins = new Map<string, BookingOrigin>();
  const expiries: HoldExpiry[] = [];
  replies.forEach(([outcome, rawEntry], index) => {
    const request = requests[index]!;
    if (outcome !== "hold" && outcome !== "waitlisted" && outcome !== "done") return;
    origins.set(request.bookingId, { ip: request.ip, userAgent: request.userAgent, admittedAt: request.admittedAt });
    const entry = parseUserEntry(rawEntry);
    // A redelivered hold may have missed its expiry job; scheduling is idempotent by job id.
    if (entry?.status === "hold") expiries.push({ saleId, bookingId: request.bookingId, expiresAt: entry.expiresAt });
  });

  const unwritten = await insertBookingRecords(saleId, origins);
  const served = replies.map(([outcome], index): ServedIntent => {
    const request = requests[index]!;
    return { request, outcome: unwritten.has(request.bookingId) ? "unwritten" : outcome };
  });
  if (expiries.length) await effects.scheduleExpiries(expiries);
  const settled = served.filter(({ outcome }) => SETTLED_OUTCOMES.has(outcome));
  if (settled.length) {
    const frontier = Math.max(...settled.map(({ request }) => request.ticket));
    await recordServedFrontier(saleId, frontier);
    await publishSaleEvent(saleId, settled.map(({ request }) => request.userId), frontier);
  }
  return served;
}

const DUPLICATE_KEY = 11000;

/** Raises the sale's served frontier in MongoDB; the first batch creates the record. */
async function recordServedFrontier(saleId: string, frontier: number): Promise<void> {
  const raise = { $max: { servedTicket: frontier } };
  try {
    await SaleProgress.updateOne({ _id: saleId }, raise, { upsert: true });
  } catch (error) {
    // Two first batches raced to create it: it exists now, so raise it.
    if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
    await SaleProgress.updateOne({ _id: saleId }, raise);
  }
}
