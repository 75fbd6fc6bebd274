import Link from "next/link";
import type { ListedSale } from "@/lib/domain/catalog/list-public-sales";
import { formatPrice } from "@/components/ui/format";
import { LocalTime } from "@/components/ui/local-time";
import { StatusBadge } from "@/components/ui/status-badge";
import { SaleImage } from "@/components/sales/sale-image";
import { StartsIn } from "@/components/sales/starts-in";

/** One sale on a home-page shelf; the whole card is the link to the sale. */
export function SaleCard({ sale, serverTime }: { sale: ListedSale; serverTime: string }) {
  return (
    <article className="group relative flex w-full flex-col overflow-hidden rounded-2xl bg-white shadow-sm ring-1 ring-slate-200 transition hover:shadow-md focus-within:ring-2 focus-within:ring-indigo-600">
      <SaleImage id={sale.id} name={sale.name} image={sale.image} />
      <div className="flex flex-1 flex-col gap-2 p-4">
        <div className="flex items-center justify-between gap-2">
          <StatusBadge status={sale.status} />
          <p className="text-lg font-bold text-slate-900">{formatPrice(sale.price, sale.currency)}</p>
        </div>
        <h3 className="text-lg font-semibold text-slate-900">
          <Link href={`/sales/${sale.id}`} className="after:absolute after:inset-0 focus-visible:outline-none">
            {sale.name}
          </Link>
        </h3>
        {sale.description && <p className="line-clamp-2 text-sm text-slate-600">{sale.description}</p>}
        <p className="mt-auto pt-2 text-sm text-slate-700">{summary(sale, serverTime)}</p>
      </div>
    </article>
  );
}

function summary(sale: ListedSale, serverTime: string) {
  switch (sale.status) {
    case "live":
    case "paused":
      return sale.stockLeft > 0 ? (
        <>
          <strong className="font-semibold text-slate-900">{sale.stockLeft}</strong> of {sale.stock} left
        </>
      ) : (
        "All held right now — join the waitlist"
      );
    case "scheduled":
      return (
        <>
          Opens in <StartsIn startsAt={sale.startsAt} serverTime={serverTime} className="font-semibold text-slate-900" /> ·{" "}
          {sale.stock} items
        </>
      );
    case "sold_out":
      return (
        <>
          Sold out <LocalTime iso={sale.closedAt ?? sale.endsAt} />
        </>
      );
    default:
      return (
        <>
          Ended <LocalTime iso={sale.closedAt ?? sale.endsAt} />
        </>
      );
  }
}
