// GET /api/sales/:saleId/frontier — the sale's served ticket, stock and drain rate, the same for everyone (cacheable)
import { errorResponse } from "@/lib/http/error-response";
import type { HandlerRequest, SaleRouteContext } from "@/lib/http/handler-request";
import { currentFrontier } from "@/lib/realtime/sale-room";

export const dynamic = "force-dynamic";

// No session and no per-user content: a CDN may serve it to every waiting shopper, and each page
// computes its own position from its ticket. Stale for a few seconds beats a stampede to the origin.
const CACHE_CONTROL = "public, max-age=1, s-maxage=1, stale-while-revalidate=5";

export async function GET(request: HandlerRequest, { params }: SaleRouteContext) {
  try {
    const { saleId } = await params;
    return Response.json(await currentFrontier(saleId), { headers: { "Cache-Control": CACHE_CONTROL } });
  } catch (error) {
    return errorResponse(error, request);
  }
}
