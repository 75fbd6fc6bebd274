// POST /api/admin/sales/:id/pause — pause a live sale (intents get 423; the queue keeps its order)
import { requireRole, STAFF_ROLES } from "@/lib/auth/current-user";
import { apiRoute } from "@/lib/http/api-route";
import { pauseSale } from "@/lib/domain/sales/pause-sale";

export const POST = apiRoute<{ id: string }>(async (request, { params }) => {
  const user = await requireRole(request, STAFF_ROLES);
  return Response.json({ sale: await pauseSale((await params).id, user) });
});
