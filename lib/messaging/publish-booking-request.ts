import { env } from "@/lib/config/env";
import { encodeBookingRequest, type BookingRequest } from "@/lib/messaging/booking-request";
import { publishConfirmed } from "@/lib/messaging/rabbit";

/** Publishes an admitted intent to `booking_requests`, persistent, confirmed by the broker. */
export function publishBookingRequest(request: BookingRequest): Promise<void> {
  return publishConfirmed(env().BOOKING_QUEUE, encodeBookingRequest(request), request.bookingId);
}
