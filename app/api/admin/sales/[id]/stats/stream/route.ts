// GET /api/admin/sales/:id/stats/stream — the sale's live numbers as Server-Sent Events
import type { NextRequest } from "next/server";
import { requireRole, STAFF_ROLES } from "@/lib/auth/current-user";
import { errorResponse } from "@/lib/http/error-response";
import { streamSaleDashboard } from "@/lib/domain/admin/stream-sale-dashboard";

type Context = { params: Promise<{ id: string }> };

export async function GET(request: NextRequest, { params }: Context) {
  try {
    await requireRole(request, STAFF_ROLES);
    const stream = await streamSaleDashboard((await params).id, request.signal);
    return new Response(stream, {
      headers: { "Content-Type": "text/event-stream", "Cache-Control": "no-store, no-transform", Connection: "keep-alive", "X-Accel-Buffering": "no" },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
