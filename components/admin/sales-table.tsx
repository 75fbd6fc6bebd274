import Link from "next/link";
import { LocalTime } from "@/components/ui/local-time";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatPrice } from "@/components/ui/format";
import type { AdminSale } from "@/lib/domain/sales/admin-sale";

/** Every sale with its status, times and links to its dashboard, settings and bookings. */
export function SalesTable({ sales }: { sales: AdminSale[] }) {
  if (sales.length === 0) return <p className="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">No sales yet. Create the first one.</p>;
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-500 uppercase">
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
        <tbody className="divide-y divide-slate-100">
          {sales.map((sale) => (
            <tr key={sale.id} data-testid="admin-sale-row">
              <td className="px-4 py-3 font-semibold">
                <Link href={`/admin/sales/${sale.id}`} className="text-indigo-700 hover:text-indigo-900">
                  {sale.name}
                </Link>
              </td>
              <td className="px-4 py-3"><StatusBadge status={sale.status} /></td>
              <td className="px-4 py-3 whitespace-nowrap"><LocalTime iso={sale.startsAt} /></td>
              <td className="px-4 py-3 whitespace-nowrap"><LocalTime iso={sale.endsAt} /></td>
              <td className="px-4 py-3 text-right tabular-nums">{sale.stock.toLocaleString("en")}</td>
              <td className="px-4 py-3 text-right tabular-nums">{formatPrice(sale.price, sale.currency)}</td>
              <td className="px-4 py-3 text-right whitespace-nowrap">
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
