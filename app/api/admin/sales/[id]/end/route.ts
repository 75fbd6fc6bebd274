// POST /api/admin/sales/:id/end — end a sale now, for good
import type { NextRequest } from "next/server";
import { requireRole, STAFF_ROLES } from "@/lib/auth/current-user";
import { errorResponse } from "@/lib/http/error-response";
import { saleEffects } from "@/lib/messaging/sale-schedule";
import { endSale } from "@/lib/domain/sales/end-sale";

type Context = { params: Promise<{ id: string }> };

export async function POST(request: NextRequest, { params }: Context) {
  try {
    const user = await requireRole(request, STAFF_ROLES);
    const sale = await endSale((await params).id, user, saleEffects);
    return Response.json({ sale });
  } catch (error) {
    return errorResponse(error);
  }
}
