// POST /api/admin/sales/:id/end — end a sale now, for good
import { requireRole, STAFF_ROLES } from "@/lib/auth/current-user";
import { apiRoute } from "@/lib/http/api-route";
import { saleEffects } from "@/lib/messaging/sale-schedule";
import { endSale } from "@/lib/domain/sales/end-sale";

export const POST = apiRoute<{ id: string }>(async (request, { params }) => {
  const user = await requireRole(request, STAFF_ROLES);
  return Response.json({ sale: await endSale((await params).id, user, saleEffects) });
});
