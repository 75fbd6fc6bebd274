import Link from "next/link";
import { OrderSummary, type OrderItem } from "@/components/waiting-room/order-summary";

/** The confirmation, as a checkout's thank-you page gives it: the reference, the order, what comes next. */
export function OrderConfirmation({ reference, item }: { reference: string | undefined; item: OrderItem }) {
  return (
    <div className="space-y-4">
      {reference && (
        <div>
          <p className="text-sm font-medium text-slate-600">Booking reference</p>
          <p className="font-mono text-2xl font-bold tracking-wider text-slate-900" data-testid="booking-reference">
            {reference}
          </p>
        </div>
      )}
      <OrderSummary item={item} title="Your order" />
      <section aria-label="What happens next" className="text-sm text-slate-700">
        <h4 className="font-semibold text-slate-900">What happens next</h4>
        <ul className="mt-1 list-disc space-y-1 pl-5">
          <li>Nothing more to do now: the item is yours, and no one else can take it.</li>
          <li>Your order is kept in My bookings under this reference; quote it if you contact us about it.</li>
        </ul>
      </section>
      <Link href="/bookings" className="inline-block font-semibold text-indigo-700 underline underline-offset-2 hover:text-indigo-900">
        See my bookings
      </Link>
    </div>
  );
}
