import { DomainError } from "@/lib/errors/domain-error";
import type { Actor } from "@/lib/domain/admin/actor";
import type { AdminSale } from "@/lib/domain/sales/admin-sale";
import { commitSaleChange } from "@/lib/domain/sales/commit-sale-change";
import { loadSale } from "@/lib/domain/sales/load-sale";
import { assertTransition } from "@/lib/domain/sales/sale-transitions";

/** Makes a paused sale live again; the queue carries on in ticket order. */
export async function resumeSale(saleId: string, actor: Actor, now = new Date()): Promise<AdminSale> {
  const sale = await loadSale(saleId);
  assertTransition(sale.status, "resume");
  if (sale.endsAt.getTime() <= now.getTime()) {
    throw new DomainError("conflict", "The end time has passed: this sale can only be ended, or given a later end first.");
  }
  return commitSaleChange(sale, { status: "live" }, actor, "sale.resume", { from: sale.status });
}
