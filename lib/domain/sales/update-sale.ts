import { DomainError } from "@/lib/errors/domain-error";
import type { SaleDoc } from "@/lib/db/models/sale";
import { logger } from "@/lib/log/logger";
import type { Actor } from "@/lib/domain/admin/actor";
import { toAdminSale, type AdminSale } from "@/lib/domain/sales/admin-sale";
import { adjustSaleStock } from "@/lib/domain/sales/adjust-sale-stock";
import { commitSaleChange, type SalePatch } from "@/lib/domain/sales/commit-sale-change";
import { loadSale } from "@/lib/domain/sales/load-sale";
import type { SaleEffects } from "@/lib/domain/sales/sale-effects";
import { endAfterStart, updateSaleSchema, type UpdateSaleInput } from "@/lib/domain/sales/sale-input";
import { assertTransition } from "@/lib/domain/sales/sale-transitions";

type FieldChange = { from: unknown; to: unknown };

function changedFields(sale: SaleDoc, patch: UpdateSaleInput): Record<string, FieldChange> {
  const changes: Record<string, FieldChange> = {};
  for (const [field, to] of Object.entries(patch)) {
    const from = sale[field as keyof UpdateSaleInput];
    const same = from instanceof Date && to instanceof Date ? from.getTime() === to.getTime() : from === to;
    if (!same) changes[field] = { from, to };
  }
  return changes;
}

/** Refuses time changes that contradict where the sale is in its life. */
function checkTimes(sale: SaleDoc, changes: Record<string, FieldChange>, startsAt: Date, endsAt: Date, now: Date): void {
  if (!endAfterStart({ startsAt, endsAt })) throw new DomainError("bad_request", "endsAt: The end must be after the start.");
  const started = sale.status === "live" || sale.status === "paused" || sale.status === "sold_out";
  if (started && changes.startsAt) throw new DomainError("conflict", "This sale has already started; its start time can no longer change.");
  if (sale.status === "scheduled" && changes.startsAt && startsAt.getTime() <= now.getTime()) {
    throw new DomainError("conflict", "The new start time has passed: launch the sale now, or pick a later start.");
  }
  if (started && changes.endsAt && endsAt.getTime() <= now.getTime()) {
    throw new DomainError("conflict", "The new end time has passed: end the sale instead.");
  }
}

/**
 * Edits a sale's settings. Stock changes go through the atomic stock script first (never below
 * the items held or booked; 409 otherwise); new times move the sale's start and end jobs.
 */
export async function updateSale(saleId: string, input: unknown, actor: Actor, effects: SaleEffects, now = new Date()): Promise<AdminSale> {
  const patch = updateSaleSchema.parse(input);
  const sale = await loadSale(saleId);
  assertTransition(sale.status, "edit");
  const changes = changedFields(sale, patch);
  const startsAt = patch.startsAt ?? sale.startsAt;
  const endsAt = patch.endsAt ?? sale.endsAt;
  checkTimes(sale, changes, startsAt, endsAt, now);
  if (Object.keys(changes).length === 0) return toAdminSale(sale);

  const stockChange = changes.stock ? await adjustSaleStock(saleId, sale.stock, patch.stock!, effects) : null;
  let updated: AdminSale;
  try {
    updated = await commitSaleChange(sale, patch as SalePatch, actor, "sale.update", { changes, ...(stockChange && { stockChange }) });
  } catch (error) {
    // The stock already moved in Redis; put it back so Redis and MongoDB agree again.
    if (stockChange) {
      await adjustSaleStock(saleId, patch.stock!, sale.stock, effects).catch((rollbackError: unknown) =>
        logger.error({ err: rollbackError, saleId, stock: sale.stock }, "could not put the stock back after a failed edit"),
      );
    }
    throw error;
  }
  if (sale.status === "scheduled" && changes.startsAt) await effects.scheduleSaleJob(saleId, "start", startsAt);
  if (sale.status !== "draft" && changes.endsAt) await effects.scheduleSaleJob(saleId, "end", endsAt);
  return updated;
}
