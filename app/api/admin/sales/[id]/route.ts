// GET /api/admin/sales/:id — one sale's settings; PATCH /api/admin/sales/:id — edit them (stock safely)
import type { NextRequest } from "next/server";
import { requireRole, STAFF_ROLES } from "@/lib/auth/current-user";
import { errorResponse, readJson } from "@/lib/http/error-response";
import { saleEffects } from "@/lib/messaging/sale-schedule";
import { getSale } from "@/lib/domain/sales/get-sale";
import { updateSale } from "@/lib/domain/sales/update-sale";

type Context = { params: Promise<{ id: string }> };

export async function GET(request: NextRequest, { params }: Context) {
  try {
    await requireRole(request, STAFF_ROLES);
    return Response.json({ sale: await getSale((await params).id) }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}

export async function PATCH(request: NextRequest, { params }: Context) {
  try {
    const user = await requireRole(request, STAFF_ROLES);
    const sale = await updateSale((await params).id, await readJson(request), user, saleEffects);
    return Response.json({ sale });
  } catch (error) {
    return errorResponse(error);
  }
}
