import { DomainError } from "@/lib/errors/domain-error";
import { SCHEDULER_ACTOR } from "@/lib/domain/admin/actor";
import { endSale } from "@/lib/domain/sales/end-sale";
import { launchSale } from "@/lib/domain/sales/launch-sale";
import { loadSale } from "@/lib/domain/sales/load-sale";
import type { SaleEffects, SaleJobAction } from "@/lib/domain/sales/sale-effects";
import { canTransition } from "@/lib/domain/sales/sale-transitions";

export type SaleJobResult =
  | { outcome: "launched" | "ended" }
  | { outcome: "skipped"; reason: string }
  /** The job fired before the sale's current time (it was moved later): run it again then. */
  | { outcome: "not_due"; dueAt: number };

/**
 * Runs a sale's start or end job. The job is checked against the sale as it is now, so a job left
 * over from earlier times, or one a marketer beat to it (launched or ended by hand), changes nothing.
 */
export async function runSaleScheduleJob(saleId: string, action: SaleJobAction, effects: SaleEffects, now = new Date()): Promise<SaleJobResult> {
  let sale;
  try {
    sale = await loadSale(saleId);
  } catch (error) {
    if (error instanceof DomainError && error.code === "not_found") return { outcome: "skipped", reason: "no such sale" };
    throw error;
  }
  const verb = action === "start" ? "launch" : "end";
  // Only a scheduled sale starts by the clock; a draft was unscheduled, a live one launched by hand.
  const applies = action === "start" ? sale.status === "scheduled" : canTransition(sale.status, "end");
  if (!applies) return { outcome: "skipped", reason: `the sale is ${sale.status}` };
  const dueAt = (action === "start" ? sale.startsAt : sale.endsAt).getTime();
  if (now.getTime() < dueAt) return { outcome: "not_due", dueAt };

  try {
    if (verb === "launch") await launchSale(saleId, SCHEDULER_ACTOR, effects, now);
    else await endSale(saleId, SCHEDULER_ACTOR, effects, now);
  } catch (error) {
    // A marketer's action won the race for the status (409): nothing is left to do.
    if (error instanceof DomainError && error.code === "conflict") return { outcome: "skipped", reason: error.message };
    throw error;
  }
  return { outcome: verb === "launch" ? "launched" : "ended" };
}
