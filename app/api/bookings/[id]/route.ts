import type { NextRequest } from "next/server";
import { requireUser } from "@/lib/auth/current-user";
import { cancelHold } from "@/lib/domain/holds/cancel-hold";
import { cancelBodySchema, confirmBodySchema } from "@/lib/domain/holds/booking-change";
import { confirmHold } from "@/lib/domain/holds/confirm-hold";
import { errorResponse, readJson } from "@/lib/http/error-response";
import { holdEffects } from "@/lib/messaging/hold-expiry";

type Context = { params: Promise<{ id: string }> };

// PUT /api/bookings/:id — confirm a hold ({"status":"booked"})
export async function PUT(request: NextRequest, { params }: Context) {
  try {
    const user = await requireUser(request);
    confirmBodySchema.parse(await readJson(request));
    const booking = await confirmHold((await params).id, user.id, holdEffects);
    return Response.json({ booking });
  } catch (error) {
    return errorResponse(error);
  }
}

// DELETE /api/bookings/:id — cancel a hold or a waitlist place ({"status":"deleted"})
export async function DELETE(request: NextRequest, { params }: Context) {
  try {
    const user = await requireUser(request);
    cancelBodySchema.parse(await readJson(request));
    const booking = await cancelHold((await params).id, user.id, holdEffects);
    return Response.json({ booking });
  } catch (error) {
    return errorResponse(error);
  }
}
