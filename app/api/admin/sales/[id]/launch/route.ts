// POST /api/admin/sales/:id/launch — make a sale live now (its start moves to now if it was later)
import type { NextRequest } from "next/server";
import { requireRole, STAFF_ROLES } from "@/lib/auth/current-user";
import { errorResponse } from "@/lib/http/error-response";
import { saleEffects } from "@/lib/messaging/sale-schedule";
import { launchSale } from "@/lib/domain/sales/launch-sale";

type Context = { params: Promise<{ id: string }> };

export async function POST(request: NextRequest, { params }: Context) {
  try {
    const user = await requireRole(request, STAFF_ROLES);
    const sale = await launchSale((await params).id, user, saleEffects);
    return Response.json({ sale });
  } catch (error) {
    return errorResponse(error);
  }
}
