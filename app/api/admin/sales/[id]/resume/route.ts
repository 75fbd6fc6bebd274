// POST /api/admin/sales/:id/resume — make a paused sale live again
import { requireRole, STAFF_ROLES } from "@/lib/auth/current-user";
import { apiRoute } from "@/lib/http/api-route";
import { resumeSale } from "@/lib/domain/sales/resume-sale";

export const POST = apiRoute<{ id: string }>(async (request, { params }) => {
  const user = await requireRole(request, STAFF_ROLES);
  return Response.json({ sale: await resumeSale((await params).id, user) });
});
