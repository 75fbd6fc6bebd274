// GET /api/me/bookings — the signed-in user's bookings, newest first, with their sales' names
import type { NextRequest } from "next/server";
import { requireUser } from "@/lib/auth/current-user";
import { listUserBookings } from "@/lib/domain/catalog/list-user-bookings";
import { errorResponse } from "@/lib/http/error-response";

export async function GET(request: NextRequest) {
  try {
    const user = await requireUser(request);
    const bookings = await listUserBookings(user.id);
    return Response.json({ bookings }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
