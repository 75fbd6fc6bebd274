import { Booking } from "@/lib/db/models/booking";
import { readSaleStats } from "@/lib/domain/inventory/read-sale-stats";
import { redis } from "@/lib/redis/client";
import { holdKey, saleKeys } from "@/lib/redis/keys";
import { parseUserEntry } from "@/lib/domain/booking/booking-state";
import { waitFor } from "./harness";

/** Waits until the worker has served every admitted ticket of the sale. */
export async function waitUntilDrained(saleId: string, timeoutMs = 120_000): Promise<void> {
  await waitFor(async () => {
    const stats = await readSaleStats(saleId);
    const users = await redis().hvals(saleKeys(saleId).users);
    return stats.admitted > 0 && users.every((raw) => parseUserEntry(raw)?.status !== "queued");
  }, timeoutMs, 200);
}

/** Every user's state in Redis, by user id. */
export async function userStates(saleId: string) {
  const raw = await redis().hgetall(saleKeys(saleId).users);
  return new Map(Object.entries(raw).map(([userId, value]) => [userId, parseUserEntry(value)!]));
}

/** The sale's bookings in MongoDB, once the outbox has been written. */
export async function mongoBookings(saleId: string) {
  await waitFor(async () => (await redis().hlen(saleKeys(saleId).dirty)) === 0, 30_000);
  return Booking.find({ saleId }).sort({ ticket: 1 }).lean();
}

/** Items held + booked never exceed stock, and available + held + booked equals stock. */
export async function stockAddsUp(saleId: string, stock: number) {
  const stats = await readSaleStats(saleId);
  return { stats, held: stats.holds + stats.booked, total: stats.available + stats.holds + stats.booked, stock };
}

/**
 * Moves a live hold's expiry to `at` (ms), as if it had been given then, so a test drives expiry at
 * the moment it chooses instead of sizing hold lengths to a busy machine's pace. Its delayed job
 * stays at the old time; the sweeper, an expiry call or a confirm after `at` finds it due.
 */
export async function moveHoldExpiry(saleId: string, bookingId: string, at: number): Promise<void> {
  const keys = saleKeys(saleId);
  if (!(await redis().exists(holdKey(saleId, bookingId)))) return;
  await redis().multi().hset(holdKey(saleId, bookingId), "expiresAt", at).zadd(keys.holds, at, bookingId).exec();
}
