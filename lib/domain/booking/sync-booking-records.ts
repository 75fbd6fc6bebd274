import type { AnyBulkWriteOperation } from "mongoose";
import { connectMongo } from "@/lib/db/connect";
import { activeKeyFor, Booking, type BookingDoc } from "@/lib/db/models/booking";
import { logger } from "@/lib/log/logger";
import { redis } from "@/lib/redis/client";
import { saleKeys } from "@/lib/redis/keys";
import { runScript } from "@/lib/redis/scripts";
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

function upsertFor(saleId: string, record: BookingRecord, origin: BookingOrigin | undefined, now: Date): AnyBulkWriteOperation<BookingDoc> {
  const { bookingId, status, userId, ticket, rank } = record;
  return {
    updateOne: {
      // The rank filter keeps transitions in order: if MongoDB already holds this or a later
      // state, nothing matches, the upsert's insert hits the _id index, and that is success.
      filter: { _id: bookingId, rank: { $lt: rank } },
      update: {
        $set: { status, rank, activeKey: activeKeyFor({ saleId, userId, _id: bookingId, status }), ...timestampsFor(record, now) },
        $setOnInsert: {
          saleId,
          userId,
          ticket,
          ip: origin?.ip ?? "",
          userAgent: origin?.userAgent ?? "",
          admittedAt: new Date(origin?.admittedAt ?? now.getTime()),
        },
      },
      upsert: true,
    },
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
  const failed = new Set<number>();
  try {
    await Booking.bulkWrite(
      records.map((record) => upsertFor(saleId, record, origins?.get(record.bookingId), now)),
      { ordered: false },
    );
  } catch (error) {
    const writeErrors = (error as { writeErrors?: { index: number; code: number; errmsg?: string }[] }).writeErrors;
    if (!writeErrors) throw error;
    for (const writeError of writeErrors) {
      // A duplicate _id means MongoDB already has this or a later state of the booking.
      if (writeError.code === DUPLICATE_KEY && !String(writeError.errmsg).includes("activeKey")) continue;
      failed.add(writeError.index);
      logger.error({ saleId, record: records[writeError.index], err: writeError.errmsg }, "booking record not written; kept in the outbox");
    }
  }
  const written = records.filter((_, index) => !failed.has(index));
  if (written.length) await runScript(redis(), "clear-outbox", [keys.dirty], written.flatMap((record) => [record.bookingId, record.raw]));
  return written.length;
}
