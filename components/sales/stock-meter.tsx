import { plural } from "@/components/ui/format";
import { StatusBadge } from "@/components/ui/status-badge";

/** The sale's live status and the items left of its stock, as a number and a bar. */
export function StockMeter({ stockLeft, stock, saleStatus }: { stockLeft: number; stock: number; saleStatus: string }) {
  const left = Math.max(0, stockLeft);
  const percent = stock > 0 ? Math.min(100, (left / stock) * 100) : 0;
  const isGone = saleStatus === "sold_out" || (left === 0 && saleStatus === "ended");
  return (
    <div data-testid="stock-meter">
      <p className="flex items-center justify-between gap-3 text-sm text-slate-700">
        <span className="flex items-center gap-2">
          <StatusBadge status={saleStatus} />
          <span className="font-medium">Stock left</span>
        </span>
        <span>
          <span className="text-lg font-bold text-slate-900" data-testid="stock-left">
            {isGone ? 0 : left}
          </span>{" "}
          of {plural(stock, "item")}
        </span>
      </p>
      <div aria-hidden="true" className="mt-1.5 h-2 overflow-hidden rounded-full bg-slate-200">
        <div
          className={`h-full rounded-full transition-[width] duration-500 ${percent <= 10 ? "bg-rose-600" : "bg-emerald-600"}`}
          style={{ width: `${isGone ? 0 : percent}%` }}
        />
      </div>
    </div>
  );
}
