import { connectMongo } from "@/lib/db/connect";
import { Booking, type BookingDoc } from "@/lib/db/models/booking";
import { toAdminBooking, type AdminBooking } from "@/lib/domain/admin/admin-booking";
import { parseBookingFilters, type BookingFilters } from "@/lib/domain/admin/booking-filters";
import { bookingQuery, emailsOf } from "@/lib/domain/admin/booking-query";
import { loadSale } from "@/lib/domain/sales/load-sale";

export type BookingPage = { bookings: AdminBooking[]; total: number; page: number; pageSize: number; filters: BookingFilters };

/** One page of a sale's bookings in ticket (queue) order, filtered by status, user and ticket range. */
export async function listBookings(saleId: string, params: URLSearchParams): Promise<BookingPage> {
  const filters = parseBookingFilters(params);
  await loadSale(saleId);
  await connectMongo();
  const query = await bookingQuery(saleId, filters);
  if (!query) return { bookings: [], total: 0, page: filters.page, pageSize: filters.pageSize, filters };
  const [bookings, total] = await Promise.all([
    Booking.find(query)
      .sort({ ticket: 1 })
      .skip((filters.page - 1) * filters.pageSize)
      .limit(filters.pageSize)
      .lean<BookingDoc[]>(),
    Booking.countDocuments(query),
  ]);
  const emails = await emailsOf(bookings.map((booking) => booking.userId));
  return {
    bookings: bookings.map((booking) => toAdminBooking(booking, emails.get(booking.userId))),
    total,
    page: filters.page,
    pageSize: filters.pageSize,
    filters,
  };
}
