import { randomUUID } from "node:crypto";
import { z } from "zod";
import { DomainError } from "@/lib/errors/domain-error";

/**
 * A booking id is `<saleId>-<uuid>`, chosen at admission. Carrying the sale id lets confirm and
 * cancel go straight to the sale's Redis state (the arbiter) without waiting for MongoDB to have
 * the booking, which the worker writes a moment after the hold exists.
 */
const BOOKING_ID = /^([0-9a-f]{24})-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function newBookingId(saleId: string): string {
  return `${saleId}-${randomUUID()}`;
}

/** The sale a booking id belongs to; anything that is not a booking id is a 404. */
export function parseBookingId(id: string): { bookingId: string; saleId: string } {
  const match = BOOKING_ID.exec(id);
  if (!match) throw new DomainError("not_found", "No such booking.");
  return { bookingId: id, saleId: match[1]! };
}

export const confirmBodySchema = z.object({ status: z.literal("booked", 'status must be "booked"') }).strict();
export const cancelBodySchema = z.object({ status: z.literal("deleted", 'status must be "deleted"') }).strict();
