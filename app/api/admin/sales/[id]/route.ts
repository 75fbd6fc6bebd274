// GET /api/admin/sales/:id — one sale's settings; PATCH /api/admin/sales/:id — edit them (stock safely)
import { requireRole, STAFF_ROLES } from "@/lib/auth/current-user";
import { apiRoute } from "@/lib/http/api-route";
import { readJson } from "@/lib/http/error-response";
import { saleEffects } from "@/lib/messaging/sale-schedule";
import { getSale } from "@/lib/domain/sales/get-sale";
import { updateSale } from "@/lib/domain/sales/update-sale";

export const GET = apiRoute<{ id: string }>(async (request, { params }) => {
  await requireRole(request, STAFF_ROLES);
  return Response.json({ sale: await getSale((await params).id) }, { headers: { "Cache-Control": "no-store" } });
});

export const PATCH = apiRoute<{ id: string }>(async (request, { params }) => {
  const user = await requireRole(request, STAFF_ROLES);
  return Response.json({ sale: await updateSale((await params).id, await readJson(request), user, saleEffects) });
});
