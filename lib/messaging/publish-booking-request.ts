import { encodeBookingRequest, type BookingRequest } from "@/lib/messaging/booking-request";
import { publishConfirmed } from "@/lib/messaging/rabbit";

/** Publishes an admitted intent to its sale's queue, `booking_requests.<saleId>`, persistent, confirmed by the broker. */
export function publishBookingRequest(request: BookingRequest): Promise<void> {
  return publishConfirmed(request.saleId, encodeBookingRequest(request), request.bookingId);
}
