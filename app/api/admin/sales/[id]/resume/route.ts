// POST /api/admin/sales/:id/resume — make a paused sale live again
import type { NextRequest } from "next/server";
import { requireRole, STAFF_ROLES } from "@/lib/auth/current-user";
import { errorResponse } from "@/lib/http/error-response";
import { resumeSale } from "@/lib/domain/sales/resume-sale";

type Context = { params: Promise<{ id: string }> };

export async function POST(request: NextRequest, { params }: Context) {
  try {
    const user = await requireRole(request, STAFF_ROLES);
    const sale = await resumeSale((await params).id, user);
    return Response.json({ sale });
  } catch (error) {
    return errorResponse(error);
  }
}
