import { DomainError } from "@/lib/errors/domain-error";
import type { Actor } from "@/lib/domain/admin/actor";
import type { AdminSale } from "@/lib/domain/sales/admin-sale";
import { commitSaleChange } from "@/lib/domain/sales/commit-sale-change";
import { loadSale } from "@/lib/domain/sales/load-sale";
import type { SaleEffects } from "@/lib/domain/sales/sale-effects";
import { assertTransition } from "@/lib/domain/sales/sale-transitions";

/**
 * Makes a draft or scheduled sale live now (a marketer's "launch", or the start job at startsAt).
 * A start still in the future moves to now. Users who joined the pre-queue get their places.
 */
export async function launchSale(saleId: string, actor: Actor, effects: SaleEffects, now = new Date()): Promise<AdminSale> {
  const sale = await loadSale(saleId);
  assertTransition(sale.status, "launch");
  if (sale.endsAt.getTime() <= now.getTime()) {
    throw new DomainError("conflict", "The end time has passed: set a later end before launching.");
  }
  const startsAt = sale.startsAt.getTime() > now.getTime() ? now : sale.startsAt;
  const updated = await commitSaleChange(sale, { status: "live", startsAt }, actor, "sale.launch", { from: sale.status, startsAt });
  await effects.cancelSaleJob(saleId, "start");
  await effects.scheduleSaleJob(saleId, "end", sale.endsAt);
  await effects.drawPrequeue(saleId);
  return updated;
}
