// GET /api/admin/blocks — blocked users and IPs; POST blocks one, DELETE unblocks one ({kind: "user"|"ip", value})
import type { NextRequest } from "next/server";
import { requireRole, STAFF_ROLES } from "@/lib/auth/current-user";
import { apiRoute } from "@/lib/http/api-route";
import { readJson } from "@/lib/http/error-response";
import { listBlockedClients } from "@/lib/domain/admin/list-blocked-clients";
import { setClientBlocked } from "@/lib/domain/admin/set-client-blocked";

export const GET = apiRoute(async (request) => {
  await requireRole(request, STAFF_ROLES);
  return Response.json({ clients: await listBlockedClients() }, { headers: { "Cache-Control": "no-store" } });
});

async function setBlocked(request: NextRequest, blocked: boolean): Promise<Response> {
  const user = await requireRole(request, STAFF_ROLES);
  return Response.json({ client: await setClientBlocked(await readJson(request), blocked, user) });
}

export const POST = apiRoute((request) => setBlocked(request, true));
export const DELETE = apiRoute((request) => setBlocked(request, false));
