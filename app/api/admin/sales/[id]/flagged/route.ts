// GET /api/admin/sales/:id/flagged — clients that look abusive (many accounts per IP, bursts, scripted agents)
import type { NextRequest } from "next/server";
import { requireRole, STAFF_ROLES } from "@/lib/auth/current-user";
import { errorResponse } from "@/lib/http/error-response";
import { findFlaggedClients } from "@/lib/domain/admin/find-flagged-clients";

type Context = { params: Promise<{ id: string }> };

export async function GET(request: NextRequest, { params }: Context) {
  try {
    await requireRole(request, STAFF_ROLES);
    const clients = await findFlaggedClients((await params).id);
    return Response.json({ clients }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
