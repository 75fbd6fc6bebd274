// GET /api/admin/sales/:id/stats/stream — the sale's live numbers as Server-Sent Events
import { requireRole, STAFF_ROLES } from "@/lib/auth/current-user";
import { apiRoute } from "@/lib/http/api-route";
import { streamSaleDashboard } from "@/lib/domain/admin/stream-sale-dashboard";

export const GET = apiRoute<{ id: string }>(async (request, { params }) => {
  await requireRole(request, STAFF_ROLES);
  const stream = await streamSaleDashboard((await params).id, request.signal);
  return new Response(stream, {
    headers: { "Content-Type": "text/event-stream", "Cache-Control": "no-store, no-transform", Connection: "keep-alive", "X-Accel-Buffering": "no" },
  });
});
