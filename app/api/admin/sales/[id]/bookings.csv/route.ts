// GET /api/admin/sales/:id/bookings.csv — the sale's bookings as CSV (same filters), streamed from a cursor
import type { NextRequest } from "next/server";
import { requireRole, STAFF_ROLES } from "@/lib/auth/current-user";
import { errorResponse } from "@/lib/http/error-response";
import { exportBookingsCsv } from "@/lib/domain/admin/export-bookings-csv";

type Context = { params: Promise<{ id: string }> };

export async function GET(request: NextRequest, { params }: Context) {
  try {
    await requireRole(request, STAFF_ROLES);
    const csv = await exportBookingsCsv((await params).id, request.nextUrl.searchParams);
    return new Response(csv.body, {
      headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${csv.filename}"`, "Cache-Control": "no-store" },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
