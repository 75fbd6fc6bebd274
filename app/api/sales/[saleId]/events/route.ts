// GET /api/sales/:saleId/events — Server-Sent Events with the signed-in user's status and the sale's frontier
import { requireUser } from "@/lib/auth/current-user";
import { getBookingStatus } from "@/lib/domain/booking/get-booking-status";
import { errorResponse } from "@/lib/http/error-response";
import type { HandlerRequest, SaleRouteContext } from "@/lib/http/handler-request";
import { statusStream } from "@/lib/realtime/status-stream";

export const dynamic = "force-dynamic";

export async function GET(request: HandlerRequest, { params }: SaleRouteContext) {
  try {
    const [{ saleId }, user] = await Promise.all([params, requireUser(request)]);
    const initial = await getBookingStatus(saleId, user.id); // an unknown sale is a 404 before the stream opens
    return new Response(statusStream(saleId, user.id, initial, request.signal), {
      headers: { "Content-Type": "text/event-stream", "Cache-Control": "no-cache, no-transform", Connection: "keep-alive", "X-Accel-Buffering": "no" },
    });
  } catch (error) {
    return errorResponse(error, request);
  }
}
