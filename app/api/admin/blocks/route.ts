// GET /api/admin/blocks — blocked users and IPs; POST blocks one, DELETE unblocks one ({kind: "user"|"ip", value})
import type { NextRequest } from "next/server";
import { requireRole, STAFF_ROLES } from "@/lib/auth/current-user";
import { errorResponse, readJson } from "@/lib/http/error-response";
import { listBlockedClients } from "@/lib/domain/admin/list-blocked-clients";
import { setClientBlocked } from "@/lib/domain/admin/set-client-blocked";

export async function GET(request: NextRequest) {
  try {
    await requireRole(request, STAFF_ROLES);
    return Response.json({ clients: await listBlockedClients() }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}

async function setBlocked(request: NextRequest, blocked: boolean): Promise<Response> {
  try {
    const user = await requireRole(request, STAFF_ROLES);
    return Response.json({ client: await setClientBlocked(await readJson(request), blocked, user) });
  } catch (error) {
    return errorResponse(error);
  }
}

export const POST = (request: NextRequest) => setBlocked(request, true);
export const DELETE = (request: NextRequest) => setBlocked(request, false);
