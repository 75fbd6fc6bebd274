import { redis } from "@/lib/redis/client";
import { saleKeys } from "@/lib/redis/keys";
import { runScript } from "@/lib/redis/scripts";
import { publishSaleEvent } from "@/lib/realtime/sale-events";
import { parseUserEntry, type UserEntry } from "@/lib/domain/booking/booking-state";
import { syncBookingRecords } from "@/lib/domain/booking/sync-booking-records";
import type { HoldEffects } from "@/lib/domain/holds/hold-effects";

export type ReleaseReason = "cancelled" | "expired";
export type ReleaseResult =
  | { outcome: ReleaseReason; entry: UserEntry | null; promoted: { bookingId: string; userId: string } | null }
  | { outcome: "not_due"; expiresAt: number }
  | { outcome: "not_owner" }
  | { outcome: "none"; entry: UserEntry | null };

/**
 * Ends a hold (or a waitlist place) and hands the item on: to the head of the waitlist, who gets
 * a fresh hold, or back to stock. The Lua script is the arbiter, so this happens exactly once per
 * hold however many cancels, expiry jobs, sweeps and confirms race for it.
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
  const [outcome, rawEntry, holderId, promotedId, promotedUser, , promotedExpiresAt] = reply;
  if (outcome === "not_due") return { outcome, expiresAt: Number(rawEntry) };
  if (outcome === "not_owner") return { outcome };
  if (outcome !== "cancelled" && outcome !== "expired") return { outcome: "none", entry: parseUserEntry(rawEntry) };

  const promoted = promotedId && promotedUser ? { bookingId: promotedId, userId: promotedUser } : null;
  await syncBookingRecords(saleId, promoted ? [bookingId, promoted.bookingId] : [bookingId]);
  if (promoted) await effects.scheduleExpiries([{ saleId, bookingId: promoted.bookingId, expiresAt: Number(promotedExpiresAt) }]);
  await publishSaleEvent(saleId, [holderId, promoted?.userId].filter((id): id is string => Boolean(id)));
  return { outcome, entry: parseUserEntry(rawEntry), promoted };
}
