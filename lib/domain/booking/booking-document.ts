import { activeKeyFor, type BookingDoc } from "@/lib/db/models/booking";
import { bookingReference } from "@/lib/domain/booking/booking-reference";
import type { BookingRecord } from "@/lib/domain/booking/booking-state";

/** What only the original request knows, kept on the booking when it is first written. */
export type BookingOrigin = { ip: string; userAgent: string; admittedAt: number };

/** When Redis decided the transition; records from before that was kept fall back to now. */
const decidedAt = (record: BookingRecord) => new Date(record.at || Date.now());

function timestampsFor(record: BookingRecord): Partial<BookingDoc> {
  const holdExpiresAt = record.expiresAt > 0 ? { holdExpiresAt: new Date(record.expiresAt) } : {};
  switch (record.status) {
    case "booked":
      return { ...holdExpiresAt, confirmedAt: decidedAt(record) };
    case "cancelled":
      return { ...holdExpiresAt, cancelledAt: decidedAt(record) };
    case "expired":
      return { ...holdExpiresAt, expiredAt: decidedAt(record) };
    default:
      return holdExpiresAt;
  }
}

/** The fields a transition changes. */
export function changesFor(saleId: string, record: BookingRecord): Partial<BookingDoc> {
  const { bookingId, status, userId, rank } = record;
  return { status, rank, activeKey: activeKeyFor({ saleId, userId, _id: bookingId, status }), ...timestampsFor(record) };
}

/** A booking's first document, in the state its outbox record says. */
export function documentFor(saleId: string, record: BookingRecord, origin: BookingOrigin | undefined) {
  return {
    _id: record.bookingId,
    saleId,
    userId: record.userId,
    ticket: record.ticket,
    reference: bookingReference(saleId, record.ticket),
    ip: origin?.ip ?? "",
    userAgent: origin?.userAgent ?? "",
    admittedAt: new Date(origin?.admittedAt ?? (record.at || Date.now())),
    ...changesFor(saleId, record),
  };
}
