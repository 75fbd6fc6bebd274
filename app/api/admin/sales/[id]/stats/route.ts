// GET /api/admin/sales/:id/stats — one reading of the sale's live numbers (the dashboard's polling fallback)
import { requireRole, STAFF_ROLES } from "@/lib/auth/current-user";
import { apiRoute } from "@/lib/http/api-route";
import { getSaleDashboard } from "@/lib/domain/admin/dashboard-snapshot";

export const GET = apiRoute<{ id: string }>(async (request, { params }) => {
  await requireRole(request, STAFF_ROLES);
  const snapshot = await getSaleDashboard((await params).id);
  return Response.json({ snapshot }, { headers: { "Cache-Control": "no-store" } });
});
