import { connectMongo } from "@/lib/db/connect";
import { Booking, type BookingDoc, type BookingStatus } from "@/lib/db/models/booking";
import { DomainError } from "@/lib/errors/domain-error";
import type { BookingRecord, UserEntry } from "@/lib/domain/booking/booking-state";

export type BookingView = {
  id: string;
  saleId: string;
  status: BookingStatus;
  ticket: number;
  holdExpiresAt: string | null;
  confirmedAt: string | null;
  cancelledAt: string | null;
  expiredAt: string | null;
};

const iso = (date: Date | number | null | undefined) => (date ? new Date(date).toISOString() : null);

function toBookingView(doc: Pick<BookingDoc, "_id" | "saleId" | "status" | "ticket" | "holdExpiresAt" | "confirmedAt" | "cancelledAt" | "expiredAt">): BookingView {
  return {
    id: doc._id,
    saleId: doc.saleId,
    status: doc.status as BookingStatus,
    ticket: doc.ticket,
    holdExpiresAt: iso(doc.holdExpiresAt),
    confirmedAt: iso(doc.confirmedAt),
    cancelledAt: iso(doc.cancelledAt),
    expiredAt: iso(doc.expiredAt),
  };
}

/** The booking as an outbox record says Redis decided it, with the time of the decision. */
function recordView(saleId: string, record: BookingRecord): BookingView {
  const at = (status: BookingStatus) => (record.status === status ? iso(record.at) : null);
  return {
    id: record.bookingId,
    saleId,
    status: record.status,
    ticket: record.ticket,
    holdExpiresAt: iso(record.expiresAt),
    confirmedAt: at("booked"),
    cancelledAt: at("cancelled"),
    expiredAt: at("expired"),
  };
}

/** States MongoDB never keeps: the user's entry in Redis is their only record. */
const REDIS_ONLY: readonly UserEntry["status"][] = ["prequeued", "queued", "sold_out", "rejected"];

/**
 * The caller's booking as Redis decided it, read atomically with the decision by the caller's
 * script: its outbox record when MongoDB has not caught up yet, or the user's entry for a state
 * MongoDB never keeps. With neither, nothing is pending for it, so MongoDB has the decided state.
 * Another user's booking is reported as not found, like a missing one.
 */
export async function decidedBooking(saleId: string, bookingId: string, userId: string, entry: UserEntry | null, record: BookingRecord | null): Promise<BookingView> {
  if (record) {
    if (record.userId !== userId) throw new DomainError("not_found", "No such booking.");
    return recordView(saleId, record);
  }
  if (entry?.bookingId === bookingId && REDIS_ONLY.includes(entry.status)) {
    const status = entry.status === "prequeued" ? "queued" : entry.status;
    return recordView(saleId, { bookingId, status, userId, ticket: entry.ticket, expiresAt: 0, rank: 0, at: 0 });
  }
  await connectMongo();
  const doc = await Booking.findById(bookingId).read("primary").lean();
  if (!doc || doc.userId !== userId) throw new DomainError("not_found", "No such booking.");
  return toBookingView(doc);
}
