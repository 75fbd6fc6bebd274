import { DomainError } from "@/lib/errors/domain-error";
import type { Actor } from "@/lib/domain/admin/actor";
import type { AdminSale } from "@/lib/domain/sales/admin-sale";
import { commitSaleChange } from "@/lib/domain/sales/commit-sale-change";
import { loadSale } from "@/lib/domain/sales/load-sale";
import type { SaleEffects } from "@/lib/domain/sales/sale-effects";
import { scheduleSaleSchema } from "@/lib/domain/sales/sale-input";
import { assertTransition } from "@/lib/domain/sales/sale-transitions";

/**
 * Schedules a draft (or reschedules a scheduled sale): delayed jobs make it live at startsAt and
 * end it at endsAt, replacing any earlier jobs. New times may come with the request.
 */
export async function scheduleSale(saleId: string, input: unknown, actor: Actor, effects: SaleEffects, now = new Date()): Promise<AdminSale> {
  const times = scheduleSaleSchema.parse(input);
  const sale = await loadSale(saleId);
  assertTransition(sale.status, "schedule");
  const startsAt = times.startsAt ?? sale.startsAt;
  const endsAt = times.endsAt ?? sale.endsAt;
  if (startsAt.getTime() <= now.getTime()) {
    throw new DomainError("conflict", "The start time has passed: launch the sale now, or pick a later start.");
  }
  if (endsAt.getTime() <= startsAt.getTime()) throw new DomainError("bad_request", "endsAt: The end must be after the start.");

  const updated = await commitSaleChange(sale, { status: "scheduled", startsAt, endsAt }, actor, "sale.schedule", { from: sale.status, startsAt, endsAt });
  await effects.scheduleSaleJob(saleId, "start", startsAt);
  await effects.scheduleSaleJob(saleId, "end", endsAt);
  return updated;
}
