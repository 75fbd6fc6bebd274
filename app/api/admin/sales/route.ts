// GET /api/admin/sales — every sale, drafts included; POST /api/admin/sales — create a draft sale
import { requireRole, STAFF_ROLES } from "@/lib/auth/current-user";
import { apiRoute } from "@/lib/http/api-route";
import { readJson } from "@/lib/http/error-response";
import { createSale } from "@/lib/domain/sales/create-sale";
import { listSales } from "@/lib/domain/sales/list-sales";

export const GET = apiRoute(async (request) => {
  await requireRole(request, STAFF_ROLES);
  return Response.json({ sales: await listSales() }, { headers: { "Cache-Control": "no-store" } });
});

export const POST = apiRoute(async (request) => {
  const user = await requireRole(request, STAFF_ROLES);
  const sale = await createSale(await readJson(request), user);
  return Response.json({ sale }, { status: 201, headers: { Location: `/api/admin/sales/${sale.id}` } });
});
