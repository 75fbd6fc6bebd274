import { z } from "zod";
import { BOOKING_STATUSES } from "@/lib/db/models/booking";
import { textInput } from "@/lib/domain/text-input";

// Query strings carry "" for an empty filter field; that means "no filter", not an invalid value.
const blankToUndefined = (value: unknown) => (value === "" ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

/** Filters of the bookings table and the CSV export, read from a query string. */
export const bookingFiltersSchema = z
  .object({
    status: optional(z.enum(BOOKING_STATUSES, { error: `status must be one of ${BOOKING_STATUSES.join(", ")}` })),
    /** A user id, or an email address. */
    user: optional(textInput().trim().min(1).max(200)),
    ticketFrom: optional(z.coerce.number().int("ticketFrom must be a whole number").min(0)),
    ticketTo: optional(z.coerce.number().int("ticketTo must be a whole number").min(0)),
    page: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).default(1)),
    pageSize: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(200).default(50)),
  })
  .refine((f) => f.ticketFrom === undefined || f.ticketTo === undefined || f.ticketFrom <= f.ticketTo, {
    path: ["ticketTo"],
    message: "ticketTo must not be below ticketFrom",
  });

export type BookingFilters = z.output<typeof bookingFiltersSchema>;

export function parseBookingFilters(params: URLSearchParams): BookingFilters {
  return bookingFiltersSchema.parse(Object.fromEntries(params));
}
