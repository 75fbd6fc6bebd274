// GET /api/admin/sales/:id/bookings.csv — the sale's bookings as CSV (same filters), streamed from a cursor
import { requireRole, STAFF_ROLES } from "@/lib/auth/current-user";
import { apiRoute } from "@/lib/http/api-route";
import { exportBookingsCsv } from "@/lib/domain/admin/export-bookings-csv";

export const GET = apiRoute<{ id: string }>(async (request, { params }) => {
  await requireRole(request, STAFF_ROLES);
  const csv = await exportBookingsCsv((await params).id, request.nextUrl.searchParams);
  return new Response(csv.body, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${csv.filename}"`, "Cache-Control": "no-store" },
  });
});
