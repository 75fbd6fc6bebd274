// GET /api/admin/sales/:id/stats — one reading of the sale's live numbers (the dashboard's polling fallback)
import type { NextRequest } from "next/server";
import { requireRole, STAFF_ROLES } from "@/lib/auth/current-user";
import { errorResponse } from "@/lib/http/error-response";
import { getSaleDashboard } from "@/lib/domain/admin/dashboard-snapshot";

type Context = { params: Promise<{ id: string }> };

export async function GET(request: NextRequest, { params }: Context) {
  try {
    await requireRole(request, STAFF_ROLES);
    const snapshot = await getSaleDashboard((await params).id);
    return Response.json({ snapshot }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
