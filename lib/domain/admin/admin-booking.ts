import type { BookingDoc, BookingStatus } from "@/lib/db/models/booking";

/** One booking as the admin table and the CSV export show it. */
export type AdminBooking = {
  id: string;
  ticket: number;
  reference: string;
  userId: string;
  email: string;
  status: BookingStatus;
  admittedAt: string;
  holdExpiresAt: string | null;
  confirmedAt: string | null;
  cancelledAt: string | null;
  expiredAt: string | null;
  ip: string;
  userAgent: string;
};

const iso = (date: Date | null | undefined) => (date ? new Date(date).toISOString() : null);

export function toAdminBooking(booking: BookingDoc, email: string | undefined): AdminBooking {
  return {
    id: booking._id,
    ticket: booking.ticket,
    reference: booking.reference,
    userId: booking.userId,
    email: email ?? "",
    status: booking.status,
    admittedAt: new Date(booking.admittedAt).toISOString(),
    holdExpiresAt: iso(booking.holdExpiresAt),
    confirmedAt: iso(booking.confirmedAt),
    cancelledAt: iso(booking.cancelledAt),
    expiredAt: iso(booking.expiredAt),
    ip: booking.ip,
    userAgent: booking.userAgent,
  };
}
