import { requireUser } from "@/lib/auth/current-user";
import { cancelHold } from "@/lib/domain/holds/cancel-hold";
import { cancelBodySchema, confirmBodySchema } from "@/lib/domain/holds/booking-change";
import { confirmHold } from "@/lib/domain/holds/confirm-hold";
import { apiRoute } from "@/lib/http/api-route";
import { readJson } from "@/lib/http/error-response";
import { holdEffects } from "@/lib/messaging/hold-expiry";

// PUT /api/bookings/:id — confirm a hold ({"status":"booked"})
export const PUT = apiRoute<{ id: string }>(async (request, { params }) => {
  const user = await requireUser(request);
  confirmBodySchema.parse(await readJson(request));
  return Response.json({ booking: await confirmHold((await params).id, user.id, holdEffects) });
});

// DELETE /api/bookings/:id — cancel a hold or a waitlist place ({"status":"deleted"})
export const DELETE = apiRoute<{ id: string }>(async (request, { params }) => {
  const user = await requireUser(request);
  cancelBodySchema.parse(await readJson(request));
  return Response.json({ booking: await cancelHold((await params).id, user.id, holdEffects) });
});
