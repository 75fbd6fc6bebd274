// GET /api/admin/blocks/impact?ip=…[&saleId=…] — the accounts a block of this IP would shut out
import type { NextRequest } from "next/server";
import { requireRole, STAFF_ROLES } from "@/lib/auth/current-user";
import { errorResponse } from "@/lib/http/error-response";
import { countAccountsBehindIp } from "@/lib/domain/admin/count-accounts-behind-ip";

export async function GET(request: NextRequest) {
  try {
    await requireRole(request, STAFF_ROLES);
    const impact = await countAccountsBehindIp(Object.fromEntries(request.nextUrl.searchParams));
    return Response.json({ impact }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
