// GET /api/admin/audit — the audit trail of admin actions, newest first (filters: saleId, action; paginated)
import type { NextRequest } from "next/server";
import { requireRole, STAFF_ROLES } from "@/lib/auth/current-user";
import { errorResponse } from "@/lib/http/error-response";
import { listAuditEvents } from "@/lib/domain/admin/list-audit-events";

export async function GET(request: NextRequest) {
  try {
    await requireRole(request, STAFF_ROLES);
    const page = await listAuditEvents(request.nextUrl.searchParams);
    return Response.json(page, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
