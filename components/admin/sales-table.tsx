import Link from "next/link";
import { LocalTime } from "@/components/ui/local-time";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatPrice } from "@/components/ui/format";
import type { AdminSale } from "@/lib/domain/sales/admin-sale";

/** On a phone, the column's name before the value (the table head is hidden there). */
const CARD_LABEL = "max-sm:before:mr-1.5 max-sm:before:text-xs max-sm:before:text-slate-500 max-sm:before:content-[attr(data-label)]";

/**
 * Every sale with its status, times and links to its dashboard, settings and bookings. On a phone
 * each row becomes a card (labels from data-label), so the list never scrolls sideways.
 */
export function SalesTable({ sales }: { sales: AdminSale[] }) {
  if (sales.length === 0) return <p className="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">No sales yet. Create the first one.</p>;
  return (
    <div className="rounded-xl border border-slate-200 bg-white shadow-sm sm:overflow-x-auto">
      <table className="w-full text-left text-sm max-sm:block">
        <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-500 uppercase max-sm:sr-only">
          <tr>
            <th scope="col" className="px-4 py-3">Sale</th>
            <th scope="col" className="px-4 py-3">Status</th>
            <th scope="col" className="px-4 py-3">Start</th>
            <th scope="col" className="px-4 py-3">End</th>
            <th scope="col" className="px-4 py-3 text-right">Stock</th>
            <th scope="col" className="px-4 py-3 text-right">Price</th>
            <th scope="col" className="px-4 py-3"><span className="sr-only">Links</span></th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 max-sm:block">
          {sales.map((sale) => (
            <tr key={sale.id} data-testid="admin-sale-row" className="max-sm:grid max-sm:grid-cols-2 max-sm:gap-x-3 max-sm:gap-y-1 max-sm:px-4 max-sm:py-3">
              <td className="px-4 py-3 font-semibold max-sm:p-0">
                <Link href={`/admin/sales/${sale.id}`} className="text-indigo-700 hover:text-indigo-900">
                  {sale.name}
                </Link>
              </td>
              <td className="px-4 py-3 max-sm:p-0 max-sm:text-right"><StatusBadge status={sale.status} /></td>
              <td className={`px-4 py-3 whitespace-nowrap max-sm:p-0 ${CARD_LABEL}`} data-label="Start"><LocalTime iso={sale.startsAt} /></td>
              <td className={`px-4 py-3 whitespace-nowrap max-sm:p-0 max-sm:text-right ${CARD_LABEL}`} data-label="End"><LocalTime iso={sale.endsAt} /></td>
              <td className={`px-4 py-3 text-right tabular-nums max-sm:p-0 max-sm:text-left ${CARD_LABEL}`} data-label="Stock">{sale.stock.toLocaleString("en")}</td>
              <td className={`px-4 py-3 text-right tabular-nums max-sm:p-0 ${CARD_LABEL}`} data-label="Price">{formatPrice(sale.price, sale.currency)}</td>
              <td className="px-4 py-3 text-right whitespace-nowrap max-sm:col-span-2 max-sm:p-0 max-sm:pt-1 max-sm:text-left">
                <Link href={`/admin/sales/${sale.id}/bookings`} className="font-medium text-slate-700 hover:text-slate-900">Bookings</Link>
                {sale.status !== "ended" && (
                  <Link href={`/admin/sales/${sale.id}/edit`} className="ml-4 font-medium text-slate-700 hover:text-slate-900">Edit</Link>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
