import { connectMongo } from "@/lib/db/connect";
import { logger } from "@/lib/log/logger";
import { documentFor, type BookingOrigin } from "@/lib/domain/booking/booking-document";
import { insertBookings, readOutbox, storedRanks } from "@/lib/domain/booking/booking-store";
import type { BookingRecord } from "@/lib/domain/booking/booking-state";
import { insertAsWriter } from "@/lib/domain/booking/drain-outbox";

/**
 * Writes the first MongoDB document of bookings the worker just served (a hold or a waitlist
 * place), with what only their request knows (IP, user agent), and returns the ids that are still
 * not stored: their messages must not be acknowledged yet. Only inserts, never updates: a
 * document that exists belongs to the sale's outbox drainer, the one writer of later transitions
 * (FerretDB rewrites whole documents, so two updaters could undo each other). A booking whose
 * outbox record is gone is already stored.
 */
export async function insertBookingRecords(saleId: string, origins: ReadonlyMap<string, BookingOrigin>): Promise<Set<string>> {
  const records = await readOutbox(saleId, [...origins.keys()]);
  if (records.length === 0) return new Set();
  await connectMongo();
  const ids = records.map((record) => record.bookingId);
  const before = await storedRanks(ids);
  const missing = records.filter((record) => !before.has(record.bookingId));
  if (missing.length === 0) return new Set();
  const insert = async (current: BookingRecord[]) => insertBookings(current.map((record) => documentFor(saleId, record, origins.get(record.bookingId))));
  // A new hold may have taken an item whose release (a cancel, an expiry) is still in the outbox:
  // as the sale's writer, the release reaches MongoDB first, and each booking goes in as its
  // latest record says, so MongoDB never shows more items taken than the stock.
  if (missing.some((record) => record.status === "hold")) {
    await insertAsWriter(saleId, async () => insert(await readOutbox(saleId, missing.map((record) => record.bookingId))));
  } else {
    await insert(missing);
  }
  const after = await storedRanks(missing.map((record) => record.bookingId));
  const unwritten = new Set(missing.filter((record) => !after.has(record.bookingId)).map((record) => record.bookingId));
  // Another live booking of the same user holds the unique key: its end is still in the outbox.
  if (unwritten.size) logger.warn({ saleId, bookings: [...unwritten] }, "bookings not inserted yet; their messages are retried");
  return unwritten;
}
