import { z } from "zod";
import { DomainError } from "@/lib/errors/domain-error";

/** Booking ids are UUIDs chosen at admission; anything else cannot name a booking. */
export const bookingIdSchema = z.uuid();

export const confirmBodySchema = z.object({ status: z.literal("booked", 'status must be "booked"') }).strict();
export const cancelBodySchema = z.object({ status: z.literal("deleted", 'status must be "deleted"') }).strict();

export function parseBookingId(id: string): string {
  const parsed = bookingIdSchema.safeParse(id);
  if (!parsed.success) throw new DomainError("not_found", "No such booking.");
  return parsed.data;
}
