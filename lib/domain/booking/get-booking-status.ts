import { redis } from "@/lib/redis/client";
import { saleKeys } from "@/lib/redis/keys";
import { DomainError } from "@/lib/errors/domain-error";
import { bookingReference } from "@/lib/domain/booking/booking-reference";
import { parseUserEntry } from "@/lib/domain/booking/booking-state";
import { queuedPosition, type BookingStatusView } from "@/lib/domain/booking/status-view";
import { summarizeSale } from "@/lib/domain/booking/read-sale-frontier";
import { createProofChallenge } from "@/lib/domain/admission/proof-of-work";

/** States in which the waiting room offers Buy, while the sale is open for it. */
const BUYABLE = new Set(["none", "expired", "cancelled"]);
const OPEN_FOR_BUY = new Set(["live", "scheduled"]);

/**
 * Where Buy is open, the view carries a proof-of-work challenge for this user and sale (stateless
 * and signed, so no read or write), and Buy is one request: solve, then POST the intent.
 */
function withChallenge(view: BookingStatusView, userId: string): BookingStatusView {
  const buyable = BUYABLE.has(view.state) || (view.state === "rejected" && view.canRetry === true);
  if (!buyable || !OPEN_FOR_BUY.has(view.saleStatus)) return view;
  return { ...view, challenge: createProofChallenge({ userId, saleId: view.saleId }) };
}

/** What the signed-in user sees in a sale's waiting room, with a challenge where Buy is open. */
export async function getBookingStatus(saleId: string, userId: string): Promise<BookingStatusView> {
  return withChallenge(await readBookingStatus(saleId, userId), userId);
}

/** What the signed-in user sees in a sale's waiting room, computed from Redis in one round trip. */
async function readBookingStatus(saleId: string, userId: string): Promise<BookingStatusView> {
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
  const summary = summarizeSale(saleId, status, Number(value<string | null>(2) ?? 0), value<number>(3), value<[string, string]>(6));

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
      return { ...summary, state: "queued", bookingId, ticket, ...queuedPosition(ticket, served, drainRate === null ? null : Number(drainRate)) };
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
