import { formatPrice } from "@/components/ui/format";

/** What the shopper is buying: one of a sale's item, at the sale's price. */
export type OrderItem = { name: string; price: number; currency: string };

/** The order beside Confirm, as a checkout shows it: item, price, quantity and total. */
export function OrderSummary({ item, title = "Your order" }: { item: OrderItem; title?: string }) {
  const price = formatPrice(item.price, item.currency);
  return (
    <section aria-label={title} data-testid="order-summary" className="rounded-xl bg-slate-50 px-4 py-3 text-sm ring-1 ring-slate-200">
      <dl className="grid grid-cols-[1fr_auto] gap-x-4 gap-y-1">
        <dt className="truncate font-medium text-slate-900">{item.name}</dt>
        <dd className="text-right text-slate-700">{price}</dd>
        <dt className="text-slate-600">Quantity</dt>
        <dd className="text-right text-slate-700">1</dd>
        <dt className="border-t border-slate-200 pt-1 font-semibold text-slate-900">Total</dt>
        <dd className="border-t border-slate-200 pt-1 text-right font-bold text-slate-900" data-testid="order-total">
          {price}
        </dd>
      </dl>
    </section>
  );
}
