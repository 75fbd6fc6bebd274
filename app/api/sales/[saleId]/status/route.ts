// GET /api/sales/:saleId/status — the signed-in user's place in the sale (queued, hold, …)
import { requireUser } from "@/lib/auth/current-user";
import { getBookingStatus } from "@/lib/domain/booking/get-booking-status";
import { errorResponse } from "@/lib/http/error-response";
import type { HandlerRequest, SaleRouteContext } from "@/lib/http/handler-request";

export async function GET(request: HandlerRequest, { params }: SaleRouteContext) {
  try {
    const [{ saleId }, user] = await Promise.all([params, requireUser(request)]);
    return Response.json(await getBookingStatus(saleId, user.id), { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error, request);
  }
}
