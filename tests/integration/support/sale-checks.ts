import { Booking } from "@/lib/db/models/booking";
import { readSaleStats } from "@/lib/domain/inventory/read-sale-stats";
import { redis } from "@/lib/redis/client";
import { saleKeys } from "@/lib/redis/keys";
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
