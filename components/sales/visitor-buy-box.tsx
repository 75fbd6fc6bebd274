import Link from "next/link";
import type { BookingStatusView } from "@/lib/domain/booking/status-view";
import type { PublicSale } from "@/lib/domain/catalog/public-sale";
import { signInUrl, signUpUrl } from "@/components/auth/callback-url";
import { buttonClass } from "@/components/ui/button";
import { StartsIn } from "@/components/sales/starts-in";
import { StockMeter } from "@/components/sales/stock-meter";

/** The buy box for a visitor who is not signed in: the sale's state, and the way to sign in and buy. */
export function VisitorBuyBox({ sale, view }: { sale: PublicSale; view: BookingStatusView }) {
  const path = `/sales/${sale.id}`;
  const isOpen = view.saleStatus === "live" || view.saleStatus === "scheduled" || view.saleStatus === "paused";
  return (
    <div className="space-y-4">
      <StockMeter stockLeft={view.stockLeft} stock={sale.stock} holds={view.holds} saleStatus={view.saleStatus} />
      <section aria-labelledby="visitor-waiting-room" data-testid="waiting-room" className="rounded-2xl border-2 border-slate-200 bg-white p-5 shadow-sm sm:p-6">
        <h2 id="visitor-waiting-room" className="text-xs font-bold uppercase tracking-widest text-slate-500">
          Waiting room
        </h2>
        {isOpen ? (
          <>
            <p className="mt-2 text-2xl font-bold text-slate-900">Sign in to take your place</p>
            {view.saleStatus === "scheduled" && (
              <p className="mt-2 text-slate-700">
                Opens in{" "}
                <StartsIn startsAt={sale.startsAt} serverTime={view.serverTime} className="text-lg font-bold text-slate-900" />
              </p>
            )}
            <p className="mt-2 text-slate-700">You need an account to join the line — it takes a few seconds.</p>
            <div className="mt-5 flex flex-col gap-3 sm:flex-row">
              <Link href={signInUrl(path)} className={buttonClass("primary", "md", "sm:flex-1")}>
                Sign in to buy
              </Link>
              <Link href={signUpUrl(path)} className={buttonClass("secondary")}>
                Create an account
              </Link>
            </div>
          </>
        ) : (
          <p className="mt-2 text-2xl font-bold text-slate-900">{view.saleStatus === "sold_out" ? "Sold out" : "This sale has ended"}</p>
        )}
      </section>
    </div>
  );
}
