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
// Unique indexes must contain the shard key for bookings to be sharded on `saleId` (activeKey
// starts with the sale id anyway, so the rule it backs is the same).
bookingSchema.index({ saleId: 1, activeKey: 1 }, { unique: true });
// References are unique by construction (a sale hands each ticket out once). Not a unique index:
// should a ticket ever be handed out twice after a Redis loss, its booking must still be written.
bookingSchema.index({ saleId: 1, reference: 1 });
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

/**
 * Every booking write waits for a majority of a replica set (a standalone answers as before): the
 * worker acknowledges a RabbitMQ message, and the drainer clears an outbox record, only once the
 * write survives a failover. Reads that verify a write go to the primary for the same reason.
 */
export const BOOKING_WRITE_CONCERN = { w: "majority" } as const;

/** The unique index on `activeKey` alone, from before it included the shard key. */
const OLD_ACTIVE_KEY_INDEX = "activeKey_1";
const INDEX_NOT_FOUND = 27;

/**
 * Moves a database from the old unique `activeKey` index to `{saleId, activeKey}`: the new one is
 * created first (with the schema's other indexes), so the one-live-booking rule is never
 * unguarded, then the old one is dropped. Idempotent, and safe when two processes start together:
 * the second drop finds nothing to drop.
 */
export async function ensureBookingIndexes(): Promise<void> {
  await Booking.createIndexes();
  await Booking.collection.dropIndex(OLD_ACTIVE_KEY_INDEX).catch((error: unknown) => {
    const { code, codeName } = error as { code?: number; codeName?: string };
    if (code !== INDEX_NOT_FOUND && codeName !== "IndexNotFound") throw error;
  });
}
