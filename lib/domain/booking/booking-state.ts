import type { BookingStatus } from "@/lib/db/models/booking";

/** A user's current attempt in one sale, as the Redis users hash keeps it ("prequeued": no ticket yet, Redis only). */
export type UserEntry = { status: BookingStatus | "prequeued"; bookingId: string; ticket: number; expiresAt: number };

export function parseUserEntry(raw: string | null | undefined): UserEntry | null {
  if (!raw) return null;
  const [status, bookingId = "", ticket = "0", expiresAt = "0"] = raw.split("|");
  return { status: status as UserEntry["status"], bookingId, ticket: Number(ticket), expiresAt: Number(expiresAt) };
}

/** The MongoDB state a booking must reach (an outbox record in Redis), as Redis decided it. */
export type BookingRecord = {
  bookingId: string;
  status: BookingStatus;
  userId: string;
  ticket: number;
  expiresAt: number;
  /** Orders a booking's transitions: waitlisted 1 < hold 2 < final 3. */
  rank: number;
  /** When Redis decided the transition (ms, Redis's clock); 0 in records written before it was kept. */
  at: number;
};

export function parseBookingRecord(bookingId: string, raw: string): BookingRecord {
  const [status, userId = "", ticket = "0", expiresAt = "0", rank = "0", at = "0"] = raw.split("|");
  return {
    bookingId,
    status: status as BookingStatus,
    userId,
    ticket: Number(ticket),
    expiresAt: Number(expiresAt),
    rank: Number(rank),
    at: Number(at),
  };
}

export const FINAL_STATUSES: readonly BookingStatus[] = ["booked", "cancelled", "expired", "sold_out", "rejected"];
