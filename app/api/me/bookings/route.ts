// GET /api/me/bookings — the signed-in user's bookings, newest first, with their sales' names
import { requireUser } from "@/lib/auth/current-user";
import { listUserBookings } from "@/lib/domain/catalog/list-user-bookings";
import { apiRoute } from "@/lib/http/api-route";

export const GET = apiRoute(async (request) => {
  const user = await requireUser(request);
  const bookings = await listUserBookings(user.id);
  return Response.json({ bookings }, { headers: { "Cache-Control": "no-store" } });
});
