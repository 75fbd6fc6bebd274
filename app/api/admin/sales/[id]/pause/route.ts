// POST /api/admin/sales/:id/pause — pause a live sale (intents get 423; the queue keeps its order)
import type { NextRequest } from "next/server";
import { requireRole, STAFF_ROLES } from "@/lib/auth/current-user";
import { errorResponse } from "@/lib/http/error-response";
import { pauseSale } from "@/lib/domain/sales/pause-sale";

type Context = { params: Promise<{ id: string }> };

export async function POST(request: NextRequest, { params }: Context) {
  try {
    const user = await requireRole(request, STAFF_ROLES);
    const sale = await pauseSale((await params).id, user);
    return Response.json({ sale });
  } catch (error) {
    return errorResponse(error);
  }
}
