import { redis } from "@/lib/redis/client";
import { saleKeys } from "@/lib/redis/keys";
import { runScript } from "@/lib/redis/scripts";
import { publishSaleEvent } from "@/lib/realtime/sale-events";
import { parseBookingRecord, parseUserEntry, type BookingRecord, type UserEntry } from "@/lib/domain/booking/booking-state";
import type { HoldEffects } from "@/lib/domain/holds/hold-effects";

export type ReleaseReason = "cancelled" | "expired";
/** `record`: the booking's outbox record, as the script left it (null when MongoDB already has its state). */
export type ReleaseResult =
  | { outcome: ReleaseReason; entry: UserEntry | null; record: BookingRecord | null; promoted: { bookingId: string; userId: string } | null }
  | { outcome: "not_due"; expiresAt: number }
  | { outcome: "not_owner" }
  | { outcome: "none"; entry: UserEntry | null; record: BookingRecord | null };

/**
 * Ends a hold (or a waitlist place) and hands the item on: to the head of the waitlist, who gets
 * a fresh hold, or back to stock. The Lua script is the arbiter, so this happens exactly once per
 * hold however many cancels, expiry jobs, sweeps and confirms race for it. MongoDB follows through
 * the outbox, which the sale's one writer drains (drain-outbox.ts); nothing here writes bookings.
 */
export async function releaseHold(
  saleId: string,
  bookingId: string,
  reason: ReleaseReason,
  callerId: string | null,
  effects: HoldEffects,
): Promise<ReleaseResult> {
  const keys = saleKeys(saleId);
  const reply = await runScript<string[]>(
    redis(),
    "release-hold",
    [keys.meta, keys.users, keys.inventory, keys.holds, keys.waitlist, keys.stats, keys.dirty],
    [bookingId, callerId ?? "", reason, keys.holdPrefix],
  );
  const [outcome, rawEntry, rawRecord, holderId, promotedId, promotedUser, , promotedExpiresAt] = reply;
  if (outcome === "not_due") return { outcome, expiresAt: Number(rawEntry) };
  if (outcome === "not_owner") return { outcome };
  const entry = parseUserEntry(rawEntry);
  const record = rawRecord ? parseBookingRecord(bookingId, rawRecord) : null;
  if (outcome !== "cancelled" && outcome !== "expired") return { outcome: "none", entry, record };

  const promoted = promotedId && promotedUser ? { bookingId: promotedId, userId: promotedUser } : null;
  if (promoted) await effects.scheduleExpiries([{ saleId, bookingId: promoted.bookingId, expiresAt: Number(promotedExpiresAt) }]);
  await publishSaleEvent(saleId, [holderId, promoted?.userId].filter((id): id is string => Boolean(id)));
  return { outcome, entry, record, promoted };
}
