// GET /api/admin/sales/:id/bookings — a page of the sale's bookings (filters: status, user, ticketFrom, ticketTo)
import { requireRole, STAFF_ROLES } from "@/lib/auth/current-user";
import { apiRoute } from "@/lib/http/api-route";
import { listBookings } from "@/lib/domain/admin/list-bookings";

export const GET = apiRoute<{ id: string }>(async (request, { params }) => {
  await requireRole(request, STAFF_ROLES);
  const page = await listBookings((await params).id, request.nextUrl.searchParams);
  return Response.json(page, { headers: { "Cache-Control": "no-store" } });
});
