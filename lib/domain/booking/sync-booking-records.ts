import { connectMongo } from "@/lib/db/connect";
import { activeKeyFor, Booking, type BookingDoc } from "@/lib/db/models/booking";
import { logger } from "@/lib/log/logger";
import { redis } from "@/lib/redis/client";
import { saleKeys } from "@/lib/redis/keys";
import { runScript } from "@/lib/redis/scripts";
import { bookingReference } from "@/lib/domain/booking/booking-reference";
import { parseBookingRecord, type BookingRecord } from "@/lib/domain/booking/booking-state";

/** What only the original request knows, kept on the booking when it is first written. */
export type BookingOrigin = { ip: string; userAgent: string; admittedAt: number };

const DUPLICATE_KEY = 11000;

function timestampsFor(record: BookingRecord, now: Date): Partial<BookingDoc> {
  switch (record.status) {
    case "hold":
      return { holdExpiresAt: new Date(record.expiresAt) };
    case "booked":
      return { confirmedAt: now };
    case "cancelled":
      return { cancelledAt: now };
    case "expired":
      return { expiredAt: now };
    default:
      return {};
  }
}

/** The fields a transition changes. */
function changesFor(saleId: string, record: BookingRecord, now: Date) {
  const { bookingId, status, userId, rank } = record;
  return { status, rank, activeKey: activeKeyFor({ saleId, userId, _id: bookingId, status }), ...timestampsFor(record, now) };
}

function documentFor(saleId: string, record: BookingRecord, origin: BookingOrigin | undefined, now: Date) {
  return {
    _id: record.bookingId,
    saleId,
    userId: record.userId,
    ticket: record.ticket,
    reference: bookingReference(saleId, record.ticket),
    ip: origin?.ip ?? "",
    userAgent: origin?.userAgent ?? "",
    admittedAt: new Date(origin?.admittedAt ?? now.getTime()),
    ...changesFor(saleId, record, now),
  };
}

/**
 * Writes the outbox records of the given bookings (or of every pending booking of the sale) to
 * MongoDB, then clears those records that did not change meanwhile. Redis decided each
 * transition atomically; this makes MongoDB, the record of truth, follow. Safe to repeat.
 */
export async function syncBookingRecords(
  saleId: string,
  bookingIds?: string[],
  origins?: ReadonlyMap<string, BookingOrigin>,
): Promise<number> {
  const keys = saleKeys(saleId);
  let records: BookingRecord[];
  if (bookingIds) {
    if (bookingIds.length === 0) return 0;
    const raws = await redis().hmget(keys.dirty, ...bookingIds);
    records = bookingIds.flatMap((id, i) => (raws[i] ? [parseBookingRecord(id, raws[i])] : []));
  } else {
    const all = await redis().hgetall(keys.dirty);
    records = Object.entries(all).map(([id, raw]) => parseBookingRecord(id, raw));
  }
  if (records.length === 0) return 0;

  await connectMongo();
  const now = new Date();
  const ids = records.map((record) => record.bookingId);
  const storedRanks = async () =>
    new Map((await Booking.find({ _id: { $in: ids } }).select({ rank: 1 }).lean()).map((doc) => [doc._id, doc.rank]));
  let storedRank = await storedRanks();
  const missing = records.filter((record) => !storedRank.has(record.bookingId));
  if (missing.length) {
    // FerretDB stops a bulk write at its first error even when unordered, and says nothing of the
    // rest, so no outcome is read from errors: insert, then look at what is stored.
    await Booking.insertMany(
      missing.map((record) => documentFor(saleId, record, origins?.get(record.bookingId), now)),
      { ordered: false },
    ).catch((error: unknown) => {
      if ((error as { code?: number }).code !== DUPLICATE_KEY && !(error as { writeErrors?: unknown }).writeErrors) throw error;
    });
    storedRank = await storedRanks();
  }
  const failed = new Set<number>();
  await Promise.all(
    records.map(async (record, index) => {
      const rank = storedRank.get(record.bookingId);
      if (rank === undefined) {
        // Not stored and not insertable: another live booking of the user holds the unique key.
        failed.add(index);
        logger.error({ saleId, record }, "booking record not written; kept in the outbox");
      } else if (rank < record.rank) {
        // The rank filter keeps a booking's transitions in order: an older state never lands on a newer one.
        await Booking.updateOne({ _id: record.bookingId, rank: { $lt: record.rank } }, { $set: changesFor(saleId, record, now) });
      }
    }),
  );
  const written = records.filter((_, index) => !failed.has(index));
  if (written.length) await runScript(redis(), "clear-outbox", [keys.dirty], written.flatMap((record) => [record.bookingId, record.raw]));
  return written.length;
}
