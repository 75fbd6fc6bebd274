// GET /api/sales/:saleId/events — Server-Sent Events with the signed-in user's status and the sale's frontier
import { requireUser } from "@/lib/auth/current-user";
import { getBookingStatus } from "@/lib/domain/booking/get-booking-status";
import { errorResponse } from "@/lib/http/error-response";
import { eventStreamResponse } from "@/lib/http/event-stream";
import type { HandlerRequest, SaleRouteContext } from "@/lib/http/handler-request";
import { openStatusStream } from "@/lib/realtime/status-stream";

export const dynamic = "force-dynamic";

export async function GET(request: HandlerRequest, { params }: SaleRouteContext) {
  try {
    const [{ saleId }, user] = await Promise.all([params, requireUser(request)]);
    const initial = await getBookingStatus(saleId, user.id); // an unknown sale is a 404 before the stream opens
    return eventStreamResponse(request, (sink) => openStatusStream(saleId, user.id, initial, sink));
  } catch (error) {
    return errorResponse(error, request);
  }
}
