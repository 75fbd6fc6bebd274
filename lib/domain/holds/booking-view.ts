import { connectMongo } from "@/lib/db/connect";
import { Booking, type BookingDoc, type BookingStatus } from "@/lib/db/models/booking";
import { DomainError } from "@/lib/errors/domain-error";

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

const iso = (date: Date | null | undefined) => (date ? new Date(date).toISOString() : null);

export function toBookingView(doc: Pick<BookingDoc, "_id" | "saleId" | "status" | "ticket" | "holdExpiresAt" | "confirmedAt" | "cancelledAt" | "expiredAt">): BookingView {
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

/** The caller's booking; another user's booking is reported as not found, like a missing one. */
export async function findOwnBooking(bookingId: string, userId: string): Promise<BookingView> {
  await connectMongo();
  const doc = await Booking.findById(bookingId).lean();
  if (!doc || doc.userId !== userId) throw new DomainError("not_found", "No such booking.");
  return toBookingView(doc);
}
