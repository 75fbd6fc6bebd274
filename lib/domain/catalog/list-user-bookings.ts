import mongoose from "mongoose";
import { connectMongo } from "@/lib/db/connect";
import { Booking, type BookingDoc, type BookingStatus } from "@/lib/db/models/booking";
import { Sale, type SaleDoc } from "@/lib/db/models/sale";

/** One row of "My bookings": the booking with the name and price of its sale. */
export type UserBooking = {
  id: string;
  saleId: string;
  saleName: string;
  price: number | null;
  currency: string | null;
  status: BookingStatus;
  ticket: number;
  reference: string;
  admittedAt: string;
  holdExpiresAt: string | null;
  confirmedAt: string | null;
  cancelledAt: string | null;
  expiredAt: string | null;
};

const SHOWN = 100;

/** The user's most recent bookings, newest first, joined with their sales' names. */
export async function listUserBookings(userId: string): Promise<UserBooking[]> {
  await connectMongo();
  const bookings = await Booking.find({ userId }).sort({ createdAt: -1 }).limit(SHOWN).lean<BookingDoc[]>();
  const saleIds = [...new Set(bookings.map((booking) => booking.saleId))].filter((id) => mongoose.isValidObjectId(id));
  const sales = saleIds.length
    ? await Sale.find({ _id: { $in: saleIds } }, { name: 1, price: 1, currency: 1 }).lean<SaleDoc[]>()
    : [];
  const saleById = new Map(sales.map((sale) => [String(sale._id), sale]));
  return bookings.map((booking) => {
    const sale = saleById.get(booking.saleId);
    return {
      id: booking._id,
      saleId: booking.saleId,
      saleName: sale?.name ?? "Removed sale",
      price: sale?.price ?? null,
      currency: sale?.currency ?? null,
      status: booking.status as BookingStatus,
      ticket: booking.ticket,
      reference: booking.reference,
      admittedAt: booking.admittedAt.toISOString(),
      holdExpiresAt: isoOrNull(booking.holdExpiresAt),
      confirmedAt: isoOrNull(booking.confirmedAt),
      cancelledAt: isoOrNull(booking.cancelledAt),
      expiredAt: isoOrNull(booking.expiredAt),
    };
  });
}

function isoOrNull(date: Date | null | undefined): string | null {
  return date ? date.toISOString() : null;
}
