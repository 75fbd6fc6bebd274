// POST /api/admin/sales/:id/schedule — schedule (or reschedule) a sale's start and end, optionally with new times
import type { NextRequest } from "next/server";
import { requireRole, STAFF_ROLES } from "@/lib/auth/current-user";
import { errorResponse, readJson } from "@/lib/http/error-response";
import { saleEffects } from "@/lib/messaging/sale-schedule";
import { scheduleSale } from "@/lib/domain/sales/schedule-sale";

type Context = { params: Promise<{ id: string }> };

export async function POST(request: NextRequest, { params }: Context) {
  try {
    const user = await requireRole(request, STAFF_ROLES);
    const sale = await scheduleSale((await params).id, await readJson(request), user, saleEffects);
    return Response.json({ sale });
  } catch (error) {
    return errorResponse(error);
  }
}
