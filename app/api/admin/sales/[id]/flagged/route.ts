// GET /api/admin/sales/:id/flagged — clients that look abusive (many accounts per IP, bursts, scripted agents)
import { requireRole, STAFF_ROLES } from "@/lib/auth/current-user";
import { apiRoute } from "@/lib/http/api-route";
import { findFlaggedClients } from "@/lib/domain/admin/find-flagged-clients";

export const GET = apiRoute<{ id: string }>(async (request, { params }) => {
  await requireRole(request, STAFF_ROLES);
  const clients = await findFlaggedClients((await params).id);
  return Response.json({ clients }, { headers: { "Cache-Control": "no-store" } });
});
