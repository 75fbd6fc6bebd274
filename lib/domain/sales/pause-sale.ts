import type { Actor } from "@/lib/domain/admin/actor";
import type { AdminSale } from "@/lib/domain/sales/admin-sale";
import { commitSaleChange } from "@/lib/domain/sales/commit-sale-change";
import { loadSale } from "@/lib/domain/sales/load-sale";
import { assertTransition } from "@/lib/domain/sales/sale-transitions";

/**
 * Pauses a live sale: admission answers 423 and the worker stops serving, but every admitted
 * ticket keeps its place, so the queue resumes in the same order. Holds run on; the end job
 * still ends the sale at endsAt.
 */
export async function pauseSale(saleId: string, actor: Actor): Promise<AdminSale> {
  const sale = await loadSale(saleId);
  assertTransition(sale.status, "pause");
  return commitSaleChange(sale, { status: "paused" }, actor, "sale.pause", { from: sale.status });
}
