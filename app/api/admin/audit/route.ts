// GET /api/admin/audit — the audit trail of admin actions, newest first (filters: saleId, action; paginated)
import { requireRole, STAFF_ROLES } from "@/lib/auth/current-user";
import { apiRoute } from "@/lib/http/api-route";
import { listAuditEvents } from "@/lib/domain/admin/list-audit-events";

export const GET = apiRoute(async (request) => {
  await requireRole(request, STAFF_ROLES);
  const page = await listAuditEvents(request.nextUrl.searchParams);
  return Response.json(page, { headers: { "Cache-Control": "no-store" } });
});
