import type { PublicSale } from "@/lib/domain/catalog/public-sale";
import { formatPrice } from "@/components/ui/format";

/** The sale's name (the page's h1) and price; its live status sits with the stock, which moves with it. */
export function SaleHeading({ sale }: { sale: PublicSale }) {
  return (
    <div>
      <h1 className="text-2xl font-extrabold tracking-tight text-slate-900 sm:text-4xl">{sale.name}</h1>
      <p className="mt-1 text-2xl font-bold text-slate-900 sm:mt-2 sm:text-3xl" data-testid="sale-price">
        {formatPrice(sale.price, sale.currency)}
      </p>
    </div>
  );
}
