// POST /api/admin/sales/:id/schedule — schedule (or reschedule) a sale's start and end, optionally with new times
import { requireRole, STAFF_ROLES } from "@/lib/auth/current-user";
import { apiRoute } from "@/lib/http/api-route";
import { readJson } from "@/lib/http/error-response";
import { saleEffects } from "@/lib/messaging/sale-schedule";
import { scheduleSale } from "@/lib/domain/sales/schedule-sale";

export const POST = apiRoute<{ id: string }>(async (request, { params }) => {
  const user = await requireRole(request, STAFF_ROLES);
  return Response.json({ sale: await scheduleSale((await params).id, await readJson(request), user, saleEffects) });
});
