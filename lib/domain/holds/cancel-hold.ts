import { DomainError } from "@/lib/errors/domain-error";
import { parseBookingId } from "@/lib/domain/holds/booking-change";
import { decidedBooking, type BookingView } from "@/lib/domain/holds/booking-view";
import type { HoldEffects } from "@/lib/domain/holds/hold-effects";
import { releaseHold } from "@/lib/domain/holds/release-hold";

/**
 * Cancels the owner's hold (or waitlist place); the item goes to the next in line. Repeatable.
 * The answer is what Redis decided, even while MongoDB has not caught up: a cancel that took
 * effect answers `cancelled`, whoever writes MongoDB and whenever.
 */
export async function cancelHold(bookingId: string, userId: string, effects: HoldEffects): Promise<BookingView> {
  const { saleId } = parseBookingId(bookingId);
  const result = await releaseHold(saleId, bookingId, "cancelled", userId, effects);
  if (result.outcome === "not_owner" || result.outcome === "not_due") throw new DomainError("not_found", "No such booking.");

  const current = await decidedBooking(saleId, bookingId, userId, result.entry, result.record);
  if (current.status === "cancelled") return current;
  if (current.status === "booked") throw new DomainError("conflict", "This booking is confirmed and can no longer be cancelled here.");
  if (current.status === "expired") throw new DomainError("hold_expired", "This hold already expired.");
  throw new DomainError("conflict", `This booking is ${current.status.replace("_", " ")} and cannot be cancelled.`);
}
