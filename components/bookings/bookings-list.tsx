import Link from "next/link";
import type { UserBooking } from "@/lib/domain/catalog/list-user-bookings";
import { formatPrice } from "@/components/ui/format";
import { LocalTime } from "@/components/ui/local-time";
import { StatusBadge } from "@/components/ui/status-badge";

/** The user's bookings: a table on wide screens, stacked cards on a phone (same markup, one list). */
export function BookingsList({ bookings }: { bookings: UserBooking[] }) {
  return (
    <div className="overflow-hidden rounded-2xl bg-white shadow-sm ring-1 ring-slate-200">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Your bookings, newest first</caption>
        <thead className="hidden bg-slate-50 text-xs font-semibold uppercase tracking-wide text-slate-600 md:table-header-group">
          <tr>
            <th scope="col" className="px-5 py-3">
              Sale
            </th>
            <th scope="col" className="px-5 py-3">
              Status
            </th>
            <th scope="col" className="px-5 py-3">
              Joined the line
            </th>
            <th scope="col" className="px-5 py-3">
              Last update
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {bookings.map((booking) => (
            <tr key={booking.id} data-testid="booking-row" className="grid gap-1 px-5 py-4 md:table-row md:p-0">
              <th scope="row" className="font-normal md:px-5 md:py-4">
                <Link href={`/sales/${booking.saleId}`} className="font-semibold text-indigo-700 hover:text-indigo-900">
                  {booking.saleName}
                </Link>
                <span className="block text-xs text-slate-600">
                  Reference{" "}
                  <span className="font-mono font-semibold text-slate-900" data-testid="booking-reference">
                    {booking.reference}
                  </span>
                  {booking.price !== null && booking.currency && ` · ${formatPrice(booking.price, booking.currency)}`}
                </span>
              </th>
              <td className="md:px-5 md:py-4">
                <StatusBadge status={booking.status} />
              </td>
              <td className="text-slate-700 md:px-5 md:py-4">
                <span className="text-slate-600 md:hidden">Joined </span>
                <LocalTime iso={booking.admittedAt} />
              </td>
              <td className="text-slate-700 md:px-5 md:py-4">{lastUpdate(booking)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function lastUpdate(booking: UserBooking) {
  const [label, iso] = booking.confirmedAt
    ? ["Confirmed", booking.confirmedAt]
    : booking.cancelledAt
      ? ["Cancelled", booking.cancelledAt]
      : booking.expiredAt
        ? ["Expired", booking.expiredAt]
        : booking.status === "hold" && booking.holdExpiresAt
          ? ["Hold ends", booking.holdExpiresAt]
          : [null, null];
  if (!label || !iso) return <span className="text-slate-500">—</span>;
  return (
    <>
      {label} <LocalTime iso={iso} />
    </>
  );
}
