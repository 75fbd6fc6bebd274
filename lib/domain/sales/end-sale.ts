import type { Actor } from "@/lib/domain/admin/actor";
import { closeSaleWaitlist } from "@/lib/domain/inventory/close-sale-waitlist";
import type { AdminSale } from "@/lib/domain/sales/admin-sale";
import { commitSaleChange } from "@/lib/domain/sales/commit-sale-change";
import { loadSale } from "@/lib/domain/sales/load-sale";
import type { SaleEffects } from "@/lib/domain/sales/sale-effects";
import { assertTransition } from "@/lib/domain/sales/sale-transitions";

/**
 * Ends a sale for good (a marketer's "end", or the end job at endsAt): admission answers 410,
 * queued intents are rejected, the waitlist is told sold out, and holds already given may still
 * be confirmed until they expire.
 * Ending a started sale early records the actual end time; a scheduled one keeps its times.
 */
export async function endSale(saleId: string, actor: Actor, effects: SaleEffects, now = new Date()): Promise<AdminSale> {
  const sale = await loadSale(saleId);
  assertTransition(sale.status, "end");
  const endsEarly = sale.status !== "scheduled" && sale.endsAt.getTime() > now.getTime();
  const endsAt = endsEarly ? now : sale.endsAt;
  const updated = await commitSaleChange(sale, { status: "ended", endsAt }, actor, "sale.end", { from: sale.status, endsAt });
  await effects.cancelSaleJob(saleId, "start");
  await effects.cancelSaleJob(saleId, "end");
  await closeSaleWaitlist(saleId);
  return updated;
}
