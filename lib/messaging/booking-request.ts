import { z } from "zod";

/** The web → worker contract: one accepted purchase intent, published to `booking_requests`. */
export const bookingRequestSchema = z.object({
  v: z.literal(1),
  saleId: z.string().min(1),
  userId: z.string().min(1),
  bookingId: z.string().min(1),
  ticket: z.number().int().positive(),
  admittedAt: z.number().int().positive(),
  ip: z.string().max(64),
  userAgent: z.string().max(512),
});

export type BookingRequest = z.infer<typeof bookingRequestSchema>;

export function encodeBookingRequest(request: BookingRequest): Buffer {
  return Buffer.from(JSON.stringify(request));
}

/** Parses a message body; returns null for anything that is not a valid request (a poison message). */
export function parseBookingRequest(body: Buffer): BookingRequest | null {
  try {
    const result = bookingRequestSchema.safeParse(JSON.parse(body.toString("utf8")));
    return result.success ? result.data : null;
  } catch {
    return null;
  }
}
