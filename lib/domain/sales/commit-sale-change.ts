import { Sale, type SaleDoc } from "@/lib/db/models/sale";
import { publishSaleState } from "@/lib/domain/inventory/publish-sale-state";
import type { Actor } from "@/lib/domain/admin/actor";
import { recordAuditEvent, type AuditAction } from "@/lib/domain/admin/record-audit-event";
import { toAdminSale, type AdminSale } from "@/lib/domain/sales/admin-sale";
import { claimSaleStatus } from "@/lib/domain/sales/claim-sale-status";
import { withSaleWriterLease } from "@/lib/domain/booking/sale-writer-lease";
import { redis } from "@/lib/redis/client";
import { saleKeys } from "@/lib/redis/keys";

export type SalePatch = Partial<Pick<SaleDoc, "name" | "description" | "image" | "price" | "currency" | "stock" | "startsAt" | "endsAt" | "holdSeconds" | "waitlistMax" | "status">>;

/**
 * The one way an admin change lands: claim the status in Redis (so a racing change loses with a
 * 409 before writing anything), write MongoDB as the sale's one writer of the moment, publish the
 * new state for admission and the worker, and append the audit event. If MongoDB refuses the
 * write, Redis gets the old status back.
 */
export async function commitSaleChange(
  sale: SaleDoc,
  patch: SalePatch,
  actor: Actor,
  action: AuditAction,
  data: Record<string, unknown> = {},
): Promise<AdminSale> {
  const saleId = String(sale._id);
  await claimSaleStatus(saleId, sale.status, patch.status ?? sale.status);
  let updated: SaleDoc | null;
  try {
    // Under the sale's writer lease: its outbox drainer writes the sold-out status to this document.
    updated = await withSaleWriterLease(saleId, () =>
      Sale.findByIdAndUpdate(saleId, { $set: patch }, { returnDocument: "after", runValidators: true }).lean<SaleDoc>(),
    );
  } catch (error) {
    // MongoDB refused the change: give back the status claimed above (a moved stock is put back by the caller).
    await redis().hset(saleKeys(saleId).meta, "status", sale.status);
    throw error;
  }
  if (!updated) throw new Error(`sale ${saleId} disappeared while being changed`);
  await publishSaleState(updated);
  await recordAuditEvent(actor, action, saleId, data);
  return toAdminSale(updated);
}
