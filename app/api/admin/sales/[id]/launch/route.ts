// POST /api/admin/sales/:id/launch — make a sale live now (its start moves to now if it was later)
import { requireRole, STAFF_ROLES } from "@/lib/auth/current-user";
import { apiRoute } from "@/lib/http/api-route";
import { saleEffects } from "@/lib/messaging/sale-schedule";
import { launchSale } from "@/lib/domain/sales/launch-sale";

export const POST = apiRoute<{ id: string }>(async (request, { params }) => {
  const user = await requireRole(request, STAFF_ROLES);
  return Response.json({ sale: await launchSale((await params).id, user, saleEffects) });
});
