import type { Actor } from "@/lib/domain/admin/actor";
import type { AdminSale } from "@/lib/domain/sales/admin-sale";
import { createSale } from "@/lib/domain/sales/create-sale";
import { launchSale } from "@/lib/domain/sales/launch-sale";
import type { SaleFormPayload } from "@/lib/domain/sales/sale-input";
import { saleEffects } from "@/lib/messaging/sale-schedule";

/**
 * Creates a sale and launches it now, the way a marketer does on the admin pages (validation,
 * audit trail, Redis state, the end job on BullMQ). Used by the demo seed and the e2e fixtures.
 */
export async function createLiveSale(input: SaleFormPayload, actor: Actor): Promise<AdminSale> {
  const draft = await createSale(input, actor);
  return launchSale(draft.id, actor, saleEffects);
}
