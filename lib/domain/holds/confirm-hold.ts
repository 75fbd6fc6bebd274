import { DomainError } from "@/lib/errors/domain-error";
import { redis } from "@/lib/redis/client";
import { saleKeys } from "@/lib/redis/keys";
import { runScript } from "@/lib/redis/scripts";
import { publishSaleEvent } from "@/lib/realtime/sale-events";
import { parseBookingRecord, parseUserEntry } from "@/lib/domain/booking/booking-state";
import { parseBookingId } from "@/lib/domain/holds/booking-change";
import { decidedBooking, type BookingView } from "@/lib/domain/holds/booking-view";
import type { HoldEffects } from "@/lib/domain/holds/hold-effects";
import { releaseHold } from "@/lib/domain/holds/release-hold";

function refuseSettled(status: BookingView["status"]): never {
  if (status === "expired") throw new DomainError("hold_expired", "Your hold expired before it was confirmed. The item went to the next shopper.");
  if (status === "cancelled") throw new DomainError("conflict", "This hold was cancelled and can no longer be confirmed.");
  if (status === "waitlisted") throw new DomainError("conflict", "You are on the waitlist; you can confirm once you get a hold.");
  throw new DomainError("conflict", `This booking is ${status.replace("_", " ")} and cannot be confirmed.`);
}

/**
 * Confirms the owner's hold before it expires. Repeating a successful confirm returns the same
 * booking; a confirm at or after expiresAt expires the hold instead (410). The answer is what
 * Redis decided; MongoDB follows through the outbox, drained by the sale's one writer, which also
 * writes the sale's sold-out status when this confirm took the last item.
 */
export async function confirmHold(bookingId: string, userId: string, effects: HoldEffects): Promise<BookingView> {
  const { saleId } = parseBookingId(bookingId);
  const keys = saleKeys(saleId);
  const [outcome, rawEntry, rawRecord, ...told] = await runScript<string[]>(
    redis(),
    "confirm-hold",
    [keys.meta, keys.users, keys.inventory, keys.holds, keys.waitlist, keys.stats, keys.dirty],
    [bookingId, userId, keys.holdPrefix],
  );

  if (outcome === "due") {
    await releaseHold(saleId, bookingId, "expired", null, effects);
    refuseSettled("expired");
  }
  if (outcome === "not_owner") throw new DomainError("not_found", "No such booking.");

  if (outcome === "booked") await publishSaleEvent(saleId, [userId, ...told.map((member) => member.split("|")[1]!)]);

  const record = rawRecord ? parseBookingRecord(bookingId, rawRecord) : null;
  const current = await decidedBooking(saleId, bookingId, userId, parseUserEntry(rawEntry), record);
  if (current.status !== "booked") refuseSettled(current.status);
  return current;
}
