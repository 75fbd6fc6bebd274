import { BOOKING_WRITE_CONCERN, Booking } from "@/lib/db/models/booking";
import { redis } from "@/lib/redis/client";
import { saleKeys } from "@/lib/redis/keys";
import { parseBookingRecord, type BookingRecord } from "@/lib/domain/booking/booking-state";

const DUPLICATE_KEY = 11000;
// Mongoose hands insertMany's options to the driver as they are; its types just omit writeConcern.
const INSERT_OPTIONS = { ordered: false, writeConcern: BOOKING_WRITE_CONCERN };

/** The outbox records of the given bookings (those that have one), or of every pending booking. */
export async function readOutbox(saleId: string, bookingIds?: string[]): Promise<BookingRecord[]> {
  const key = saleKeys(saleId).dirty;
  if (!bookingIds) return Object.entries(await redis().hgetall(key)).map(([id, raw]) => parseBookingRecord(id, raw));
  if (bookingIds.length === 0) return [];
  const raws = await redis().hmget(key, ...bookingIds);
  return bookingIds.flatMap((id, i) => (raws[i] ? [parseBookingRecord(id, raws[i])] : []));
}

/**
 * The rank each booking has in MongoDB, read from the primary (absent: no document). One lookup by
 * `_id` each: FerretDB 1.x answers an `_id` equality from its index but scans the whole collection
 * for `$in`, which grows with every sale.
 */
export async function storedRanks(bookingIds: string[]): Promise<Map<string, number>> {
  const docs = await Promise.all(bookingIds.map((id) => Booking.findById(id).select({ rank: 1 }).read("primary").lean()));
  return new Map(docs.flatMap((doc) => (doc ? [[doc._id, doc.rank] as const] : [])));
}

/**
 * Inserts first documents of bookings. The unique `_id` guards each insert, so it never
 * overwrites a document another writer put there; what landed is read back by the caller.
 */
export async function insertBookings(docs: object[]): Promise<void> {
  if (docs.length === 0) return;
  // FerretDB stops a bulk write at its first error even when unordered, and says nothing of the
  // rest, so no outcome is read from errors: the caller reads back what is stored.
  await Booking.insertMany(docs, INSERT_OPTIONS).catch((error: unknown) => {
    if ((error as { code?: number }).code !== DUPLICATE_KEY && !(error as { writeErrors?: unknown }).writeErrors) throw error;
  });
}
