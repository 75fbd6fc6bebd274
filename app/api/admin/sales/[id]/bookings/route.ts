// GET /api/admin/sales/:id/bookings — a page of the sale's bookings (filters: status, user, ticketFrom, ticketTo)
import type { NextRequest } from "next/server";
import { requireRole, STAFF_ROLES } from "@/lib/auth/current-user";
import { errorResponse } from "@/lib/http/error-response";
import { listBookings } from "@/lib/domain/admin/list-bookings";

type Context = { params: Promise<{ id: string }> };

export async function GET(request: NextRequest, { params }: Context) {
  try {
    await requireRole(request, STAFF_ROLES);
    const page = await listBookings((await params).id, request.nextUrl.searchParams);
    return Response.json(page, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
