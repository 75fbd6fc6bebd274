// GET /api/admin/sales — every sale, drafts included; POST /api/admin/sales — create a draft sale
import type { NextRequest } from "next/server";
import { requireRole, STAFF_ROLES } from "@/lib/auth/current-user";
import { errorResponse, readJson } from "@/lib/http/error-response";
import { createSale } from "@/lib/domain/sales/create-sale";
import { listSales } from "@/lib/domain/sales/list-sales";

export async function GET(request: NextRequest) {
  try {
    await requireRole(request, STAFF_ROLES);
    return Response.json({ sales: await listSales() }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}

export async function POST(request: NextRequest) {
  try {
    const user = await requireRole(request, STAFF_ROLES);
    const sale = await createSale(await readJson(request), user);
    return Response.json({ sale }, { status: 201, headers: { Location: `/api/admin/sales/${sale.id}` } });
  } catch (error) {
    return errorResponse(error);
  }
}
