// GET /api/admin/blocks/impact?ip=…[&saleId=…] — the accounts a block of this IP would shut out
import { requireRole, STAFF_ROLES } from "@/lib/auth/current-user";
import { apiRoute } from "@/lib/http/api-route";
import { countAccountsBehindIp } from "@/lib/domain/admin/count-accounts-behind-ip";

export const GET = apiRoute(async (request) => {
  await requireRole(request, STAFF_ROLES);
  const impact = await countAccountsBehindIp(Object.fromEntries(request.nextUrl.searchParams));
  return Response.json({ impact }, { headers: { "Cache-Control": "no-store" } });
});
