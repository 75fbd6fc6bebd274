import { connectMongo } from "@/lib/db/connect";
import { Sale } from "@/lib/db/models/sale";
import { publishSaleState } from "@/lib/domain/inventory/publish-sale-state";
import type { Actor } from "@/lib/domain/admin/actor";
import { recordAuditEvent } from "@/lib/domain/admin/record-audit-event";
import { toAdminSale, type AdminSale } from "@/lib/domain/sales/admin-sale";
import { createSaleSchema } from "@/lib/domain/sales/sale-input";

/** Creates a sale as a draft: visible to staff only until it is scheduled or launched. */
export async function createSale(input: unknown, actor: Actor): Promise<AdminSale> {
  const fields = createSaleSchema.parse(input);
  await connectMongo();
  const sale = await Sale.create({ ...fields, status: "draft", createdBy: actor.email });
  const doc = sale.toObject();
  await publishSaleState(doc);
  await recordAuditEvent(actor, "sale.create", String(doc._id), { name: fields.name, stock: fields.stock, startsAt: fields.startsAt, endsAt: fields.endsAt });
  return toAdminSale(doc);
}
