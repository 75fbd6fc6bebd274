import { connectMongo } from "@/lib/db/connect";
import { BOOKING_WRITE_CONCERN, Booking } from "@/lib/db/models/booking";
import { logger } from "@/lib/log/logger";
import { redis } from "@/lib/redis/client";
import { saleKeys } from "@/lib/redis/keys";
import { acquireLock, releaseLock, renewLock, type LockToken } from "@/lib/redis/lock";
import { runScript } from "@/lib/redis/scripts";
import type { BookingRecord } from "@/lib/domain/booking/booking-state";
import { changesFor, documentFor } from "@/lib/domain/booking/booking-document";
import { insertBookings, readOutbox, storedRanks } from "@/lib/domain/booking/booking-store";
import { WRITER_LEASE_MS, waitForWriterLease } from "@/lib/domain/booking/sale-writer-lease";
import { recordSoldOut } from "@/lib/domain/sales/record-sold-out";

const LEASE_POLL_MS = 50;
/** Records written per round, and between two checks that the lease is still ours. */
const ROUND_SIZE = 200;
const WRITES_IN_FLIGHT = 16;
const MAX_ROUNDS = 10;
/** The states that hold one of the sale's items. */
const TAKES_ITEM: ReadonlySet<string> = new Set(["hold", "booked"]);
/**
 * A booking the worker served is inserted by the worker (with its request's IP and user agent)
 * before its message is acknowledged. One still missing after this long lost its message for good
 * (dead-lettered): the drainer inserts it without them, so the outbox can empty.
 */
const MISSING_GRACE_MS = 60_000;

export type DrainResult = { outcome: "drained" | "busy" | "lease_lost"; written: number; pending: number };

/** First time this process saw an outbox record whose booking has no document yet. */
const firstSeenMissing = new Map<string, number>();

/**
 * Writes one record if the booking's stored rank is behind it. Returns the booking's rank in
 * MongoDB now, as read or written on the primary; null when that is not known (no document yet,
 * or an update that changed nothing), for the caller to read back.
 * A read, then an update, each by `_id` alone: FerretDB's SQLite backend finds an `_id`-only filter
 * through its index but scans and decodes the whole collection for any other filter (a
 * `{_id, rank: {$lt}}` update made the SQLite test leg time out), and FerretDB applies a filtered
 * update as a read and a write anyway, having no atomic conditional update. What orders writers is
 * the sale's writer lease; the read keeps a writer from taking a document back to an older state.
 */
async function writeIfBehind(saleId: string, record: BookingRecord): Promise<{ rank: number | null; wrote: boolean }> {
  const stored = await Booking.findById(record.bookingId).select({ rank: 1 }).read("primary").lean();
  // No document yet: the worker inserts it (with its request's details), or the overdue path does.
  if (!stored) return { rank: null, wrote: false };
  if (stored.rank >= record.rank) return { rank: stored.rank, wrote: false };
  const result = await Booking.updateOne({ _id: record.bookingId }, { $set: changesFor(saleId, record) }, { writeConcern: BOOKING_WRITE_CONCERN });
  return result.modifiedCount === 1 ? { rank: record.rank, wrote: true } : { rank: null, wrote: false };
}

/**
 * Updates each booking whose stored rank is behind its record. Returns the rank each booking has
 * in MongoDB now: as its write read or made it (the drainer is the document's only updater), and
 * read back from the primary where that is not known (not inserted yet). Null when the lease was
 * lost: the lease is renewed before each batch, so a round slower than the lease (a loaded
 * machine, a slow backend) never writes beside the next holder.
 */
async function writeRecords(saleId: string, records: BookingRecord[], token: LockToken): Promise<{ written: number; stored: Map<string, number> } | null> {
  let written = 0;
  const stored = new Map<string, number>();
  // Releases first: an item is released in MongoDB (cancelled, expired) before the hold or booking
  // it went to is written, so MongoDB never shows more items taken than the stock, even mid-round.
  // Not by rank: a booking is final (3) both as "expired" and as "booked", and a promoted hold
  // confirmed within one round was once written beside the expiry that freed its item.
  const batches = [false, true].flatMap((takes) => {
    const group = records.filter((record) => TAKES_ITEM.has(record.status) === takes);
    return Array.from({ length: Math.ceil(group.length / WRITES_IN_FLIGHT) }, (_, i) => group.slice(i * WRITES_IN_FLIGHT, (i + 1) * WRITES_IN_FLIGHT));
  });
  for (const batch of batches) {
    if (!(await renewLock(saleKeys(saleId).writer, token, WRITER_LEASE_MS))) return null;
    const writes = await Promise.all(batch.map((record) => writeIfBehind(saleId, record)));
    writes.forEach(({ rank, wrote }, i) => {
      if (rank !== null) stored.set(batch[i]!.bookingId, rank);
      if (wrote) written += 1;
    });
  }
  const unknown = records.filter((record) => !stored.has(record.bookingId)).map((record) => record.bookingId);
  if (unknown.length) for (const [id, rank] of await storedRanks(unknown)) stored.set(id, rank);
  return { written, stored };
}

/** Bookings served but not inserted after the grace period: their message is gone for good. */
function overdueMissing(records: BookingRecord[], stored: Map<string, number>, now: number): BookingRecord[] {
  return records.filter((record) => {
    if (stored.has(record.bookingId)) {
      firstSeenMissing.delete(record.bookingId);
      return false;
    }
    const seen = firstSeenMissing.get(record.bookingId) ?? now;
    firstSeenMissing.set(record.bookingId, seen);
    return now - seen >= MISSING_GRACE_MS;
  });
}

/** One round: writes up to ROUND_SIZE records, reads them back, clears those MongoDB now has. */
async function drainRound(saleId: string, token: LockToken): Promise<{ written: number; cleared: number; pending: number } | null> {
  const keys = saleKeys(saleId);
  const pending = await readOutbox(saleId);
  const records = pending.slice(0, ROUND_SIZE);
  if (records.length === 0) return { written: 0, cleared: 0, pending: 0 };

  const ids = records.map((record) => record.bookingId);
  const writes = await writeRecords(saleId, records, token);
  if (!writes) return null;
  const { written, stored } = writes;
  const overdue = overdueMissing(records, stored, Date.now());
  if (overdue.length) {
    if (!(await renewLock(keys.writer, token, WRITER_LEASE_MS))) return null;
    logger.error({ saleId, bookings: overdue.map((r) => r.bookingId) }, "served bookings never inserted; inserting them without their request's details");
    await insertBookings(overdue.map((record) => documentFor(saleId, record, undefined)));
    for (const [id, rank] of await storedRanks(overdue.map((record) => record.bookingId))) stored.set(id, rank);
  }

  const ranks = ids.flatMap((id) => (stored.has(id) ? [id, stored.get(id)!] : []));
  const cleared = ranks.length ? await runScript<number>(redis(), "clear-outbox", [keys.dirty, keys.writer], [token, ...ranks]) : 0;
  if (cleared < 0) return null;
  return { written: written + overdue.length, cleared, pending: pending.length - cleared };
}

/**
 * Writes a sale's outbox to MongoDB, the record of truth, as the sale's one writer: it holds the
 * sale's writer lease (one process at a time, however many workers run), updates each booking
 * whose stored rank is behind its record, reads the ranks back from the primary, and clears a
 * record only once MongoDB's rank reached it. A record that changed meanwhile, or a write that did
 * not land, stays for the next round, so MongoDB converges to what Redis decided.
 * First it writes the sale's sold-out status, if Redis decided it: the confirm that sold the last
 * item left a record, so this drain started after that decision, and the record is cleared only
 * once the status is written.
 * Returns "busy" when another process holds the lease (it drains the sale).
 */
export async function drainOutbox(saleId: string): Promise<DrainResult> {
  const keys = saleKeys(saleId);
  const token = await acquireLock(keys.writer, WRITER_LEASE_MS);
  if (!token) return { outcome: "busy", written: 0, pending: -1 };
  await connectMongo();
  try {
    return await drainAsWriter(saleId, token);
  } finally {
    await releaseLock(keys.writer, token);
  }
}

/** The drain itself, by the holder of the sale's writer lease (`token`). */
async function drainAsWriter(saleId: string, token: LockToken): Promise<DrainResult> {
  let written = 0;
  await recordSoldOut(saleId);
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const result = await drainRound(saleId, token);
    if (!result) return { outcome: "lease_lost", written, pending: -1 };
    written += result.written;
    // Done when empty, or when what is left waits for the worker's insert.
    if (result.pending === 0 || (result.cleared === 0 && result.written === 0)) return { outcome: "drained", written, pending: result.pending };
  }
  return { outcome: "drained", written, pending: await redis().hlen(saleKeys(saleId).dirty) };
}

/** Whether the outbox holds a final state (an item released) not yet in MongoDB. */
async function releasesPending(saleId: string): Promise<boolean> {
  return (await readOutbox(saleId)).some((record) => record.rank === 3 && !TAKES_ITEM.has(record.status));
}

/**
 * Runs `insert` (the worker's insert of new holds) as the sale's writer, once the releases still
 * in the outbox are in MongoDB. Holding the lease throughout matters: a release recorded after the
 * check would otherwise let the drainer write the promoted hold before this insert lands, and
 * MongoDB would show both holds at once. Resolves false, inserting nothing, when the lease stayed
 * taken or was lost (the caller retries).
 */
export async function insertAsWriter(saleId: string, insert: () => Promise<void>): Promise<boolean> {
  const token = await waitForWriterLease(saleId);
  if (!token) return false;
  await connectMongo();
  try {
    if ((await releasesPending(saleId)) && (await drainAsWriter(saleId, token)).outcome === "lease_lost") return false;
    if (!(await renewLock(saleKeys(saleId).writer, token, WRITER_LEASE_MS))) return false;
    await insert();
    return true;
  } finally {
    await releaseLock(saleKeys(saleId).writer, token);
  }
}

/**
 * Drains the sale's outbox now, waiting for the lease if another process holds it (its round ends
 * within the lease). For callers that read MongoDB right after a decision with no worker running.
 */
export async function drainOutboxNow(saleId: string): Promise<void> {
  const deadline = Date.now() + 2 * WRITER_LEASE_MS;
  while ((await drainOutbox(saleId)).outcome === "busy" && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, LEASE_POLL_MS));
  }
}
