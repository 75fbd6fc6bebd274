import { plural } from "@/components/ui/format";
import { StatusBadge } from "@/components/ui/status-badge";

type StockMeterProps = {
  stockLeft: number;
  stock: number;
  /** Items held by shoppers deciding now; unknown (older status views): the meter shows only what is left. */
  holds?: number;
  /** The viewer holds one of them. */
  isHoldingOne?: boolean;
  saleStatus: string;
};

/**
 * The sale's live status and its stock as a number and a bar of three parts: available, held and
 * sold. A held item is not sold: it comes back if its holder lets it go, so a sale whose items are
 * all held must not read like a sold-out one.
 */
export function StockMeter({ stockLeft, stock, holds, isHoldingOne = false, saleStatus }: StockMeterProps) {
  const isGone = saleStatus === "sold_out" || (stockLeft <= 0 && saleStatus === "ended");
  const left = isGone ? 0 : Math.max(0, stockLeft);
  const held = isGone ? 0 : Math.max(0, holds ?? 0);
  const sold = holds === undefined ? null : Math.max(0, stock - left - held);
  const share = (count: number) => (stock > 0 ? Math.min(100, (count / stock) * 100) : 0);
  return (
    <div data-testid="stock-meter">
      <p className="flex items-center justify-between gap-3 text-sm text-slate-700">
        <span className="flex items-center gap-2">
          <StatusBadge status={saleStatus} />
          <span className="font-medium">Available</span>
        </span>
        <span>
          <span className="text-lg font-bold text-slate-900" data-testid="stock-left">
            {left}
          </span>{" "}
          of {plural(stock, "item")}
        </span>
      </p>
      <div aria-hidden="true" className="mt-1.5 flex h-2 overflow-hidden rounded-full bg-slate-300">
        <div
          className={`h-full transition-[width] duration-500 ${share(left) <= 10 ? "bg-rose-600" : "bg-emerald-600"}`}
          style={{ width: `${share(left)}%` }}
        />
        <div className="h-full bg-amber-400 transition-[width] duration-500" style={{ width: `${share(held)}%` }} />
      </div>
      {sold !== null && (held > 0 || sold > 0) && (
        <p className="mt-1 flex flex-wrap gap-x-3 text-xs text-slate-600" data-testid="stock-breakdown">
          {held > 0 && (
            <span className="flex items-center gap-1">
              <span aria-hidden="true" className="size-2 rounded-full bg-amber-400" />
              <span data-testid="stock-held">
                {held} held{isHoldingOne ? (held === 1 ? " (yours)" : ", one of them yours") : ""}
              </span>
            </span>
          )}
          {sold > 0 && (
            <span className="flex items-center gap-1">
              <span aria-hidden="true" className="size-2 rounded-full bg-slate-300" />
              <span data-testid="stock-sold">{sold} sold</span>
            </span>
          )}
          {held > 0 && left === 0 && <span>Held items come back if they aren’t confirmed in time.</span>}
        </p>
      )}
    </div>
  );
}
