import { LocalTime } from "@/components/ui/local-time";
import { StatusBadge } from "@/components/ui/status-badge";
import type { AdminBooking } from "@/lib/domain/admin/admin-booking";

const when = (iso: string | null) => (iso ? <LocalTime iso={iso} /> : <span className="text-slate-400">—</span>);

/** A page of bookings in ticket (queue) order. */
export function BookingsTable({ bookings }: { bookings: AdminBooking[] }) {
  if (bookings.length === 0) return <p className="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">No bookings match.</p>;
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-500 uppercase">
          <tr>
            <th scope="col" className="px-3 py-3 text-right">Ticket</th>
            <th scope="col" className="px-3 py-3">Reference</th>
            <th scope="col" className="px-3 py-3">Status</th>
            <th scope="col" className="px-3 py-3">User</th>
            <th scope="col" className="px-3 py-3">Admitted</th>
            <th scope="col" className="px-3 py-3">Hold until</th>
            <th scope="col" className="px-3 py-3">Confirmed</th>
            <th scope="col" className="px-3 py-3">IP</th>
            <th scope="col" className="px-3 py-3">User agent</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {bookings.map((booking) => (
            <tr key={booking.id} data-testid="booking-row">
              <td className="px-3 py-2 text-right font-mono tabular-nums">{booking.ticket}</td>
              <td className="px-3 py-2 font-mono whitespace-nowrap" data-testid="booking-reference">{booking.reference}</td>
              <td className="px-3 py-2"><StatusBadge status={booking.status} /></td>
              <td className="px-3 py-2">
                <div>{booking.email || <span className="text-slate-400">unknown</span>}</div>
                <div className="font-mono text-xs text-slate-500">{booking.userId}</div>
              </td>
              <td className="px-3 py-2 whitespace-nowrap">{when(booking.admittedAt)}</td>
              <td className="px-3 py-2 whitespace-nowrap">{when(booking.holdExpiresAt)}</td>
              <td className="px-3 py-2 whitespace-nowrap">{when(booking.confirmedAt)}</td>
              <td className="px-3 py-2 font-mono text-xs">{booking.ip}</td>
              <td className="max-w-56 truncate px-3 py-2 text-xs text-slate-600" title={booking.userAgent}>{booking.userAgent}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
