import { redis } from "@/lib/redis/client";
import { saleKeys } from "@/lib/redis/keys";
import { DomainError } from "@/lib/errors/domain-error";
import { bookingReference } from "@/lib/domain/booking/booking-reference";
import { parseUserEntry } from "@/lib/domain/booking/booking-state";
import type { BookingStatusView, SaleStatusSummary } from "@/lib/domain/booking/status-view";

/** What the signed-in user sees in a sale's waiting room, computed from Redis in one round trip. */
export async function getBookingStatus(saleId: string, userId: string): Promise<BookingStatusView> {
  const keys = saleKeys(saleId);
  const replies = await redis()
    .multi()
    .hmget(keys.meta, "status", "holdMs", "startsAt")
    .get(keys.drainRate)
    .get(keys.inventory)
    .zcard(keys.holds)
    .hget(keys.users, userId)
    .get(keys.served)
    .time()
    .hlen(keys.prequeue)
    .exec();
  const value = <T>(index: number) => replies?.[index]?.[1] as T;
  const [status, holdMs, startsAt] = value<(string | null)[]>(0);
  const drainRate = value<string | null>(1);
  if (!status) throw new DomainError("not_found", "This sale does not exist or is not open yet.");
  const stockLeft = Number(value<string | null>(2) ?? 0);
  const holds = value<number>(3);
  const [seconds, micros] = value<[string, string]>(6);
  const summary: SaleStatusSummary = {
    saleId,
    saleStatus: status === "live" && stockLeft <= 0 && holds === 0 ? "sold_out" : status,
    stockLeft,
    holds,
    serverTime: new Date(Number(seconds) * 1000 + Math.floor(Number(micros) / 1000)).toISOString(),
  };

  const entry = parseUserEntry(value<string | null>(4));
  if (!entry) return { ...summary, state: "none" };
  const { bookingId, ticket } = entry;
  switch (entry.status) {
    case "prequeued":
      if (status === "ended") return { ...summary, state: "rejected", reason: "The sale ended before it opened." };
      return { ...summary, state: "prequeued", bookingId, startsAt: new Date(Number(startsAt)).toISOString(), prequeueSize: value<number>(7) };
    case "queued": {
      const served = Number(value<string | null>(5) ?? 0);
      // The worker passed this ticket without its message: it never reached the queue.
      if (ticket < served) {
        return { ...summary, state: "rejected", reason: "Your request did not reach the queue. Please press Buy now again.", canRetry: true };
      }
      const position = Math.max(ticket - served, 1);
      const rate = Number(drainRate ?? 0);
      const estimatedWaitSeconds = rate > 0 ? Math.ceil(position / rate) : null;
      return { ...summary, state: "queued", bookingId, ticket, position, estimatedWaitSeconds };
    }
    case "hold":
      return {
        ...summary,
        state: "hold",
        bookingId,
        ticket,
        expiresAt: new Date(entry.expiresAt).toISOString(),
        holdSeconds: Math.round(Number(holdMs ?? 0) / 1000),
      };
    case "waitlisted": {
      const rank = await redis().zrank(keys.waitlist, `${bookingId}|${userId}`);
      return { ...summary, state: "waitlisted", bookingId, ticket, waitlistPosition: (rank ?? 0) + 1 };
    }
    case "booked":
      return { ...summary, state: "booked", bookingId, reference: bookingReference(saleId, ticket) };
    case "expired":
    case "cancelled":
      return { ...summary, state: entry.status, bookingId };
    case "sold_out":
      return { ...summary, state: "sold_out" };
    default:
      return { ...summary, state: "rejected", reason: status === "ended" ? "The sale ended before your turn." : "Your request was not accepted." };
  }
}
