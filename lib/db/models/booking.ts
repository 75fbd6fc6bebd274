import mongoose, { Schema, type InferSchemaType } from "mongoose";

export const BOOKING_STATUSES = ["queued", "hold", "waitlisted", "booked", "cancelled", "expired", "sold_out", "rejected"] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/**
 * A booking is written by the worker once an intent took (or may take) an item: a hold or a place
 * on the waitlist. Refusals (sold out, rejected) live in Redis and in counters only, so a
 * million-user stampede does not become a million documents.
 *
 * `_id` is the booking id chosen at admission, so a redelivered message inserts nothing twice.
 */
const bookingSchema = new Schema(
  {
    _id: { type: String, required: true },
    saleId: { type: String, required: true },
    userId: { type: String, required: true },
    ticket: { type: Number, required: true },
    /** The shopper-facing reference (`K7MQ-0042`, see booking-reference.ts), unique within the sale. */
    reference: { type: String, required: true },
    /**
     * `<saleId>:<userId>` while the booking is live (queued, hold, waitlisted, booked); a final
     * state appends the booking id. The unique index on it backs one-live-booking-per-user with
     * a plain unique index (FerretDB has no partial indexes).
     */
    activeKey: { type: String, required: true },
    status: { type: String, enum: BOOKING_STATUSES, required: true },
    /** Orders transitions (waitlisted 1 < hold 2 < final 3): an older write never lands over a newer. */
    rank: { type: Number, required: true, default: 0 },
    holdExpiresAt: { type: Date, default: null },
    confirmedAt: { type: Date, default: null },
    cancelledAt: { type: Date, default: null },
    expiredAt: { type: Date, default: null },
    ip: { type: String, default: "" },
    userAgent: { type: String, default: "" },
    admittedAt: { type: Date, required: true },
  },
  { timestamps: true, _id: false },
);
// Not unique: after Redis is lost and rebuilt, a ticket number may be handed out again; the
// booking id, not the ticket, is a booking's identity.
bookingSchema.index({ saleId: 1, ticket: 1 });
bookingSchema.index({ activeKey: 1 }, { unique: true });
// saleId first: bookings are sharded on it, and a unique index must include the shard key.
bookingSchema.index({ saleId: 1, reference: 1 }, { unique: true });
bookingSchema.index({ saleId: 1, status: 1 });
bookingSchema.index({ userId: 1, createdAt: -1 });

export const LIVE_BOOKING_STATUSES: readonly BookingStatus[] = ["queued", "hold", "waitlisted", "booked"];

export function activeKeyFor(booking: { saleId: string; userId: string; _id: string; status: BookingStatus }): string {
  const base = `${booking.saleId}:${booking.userId}`;
  return LIVE_BOOKING_STATUSES.includes(booking.status) ? base : `${base}:${booking._id}`;
}

export type BookingDoc = InferSchemaType<typeof bookingSchema>;
export const Booking =
  (mongoose.models.Booking as mongoose.Model<BookingDoc>) ?? mongoose.model<BookingDoc>("Booking", bookingSchema);
