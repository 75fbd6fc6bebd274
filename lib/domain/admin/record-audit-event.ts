import { AuditEvent } from "@/lib/db/models/audit-event";
import type { Actor } from "@/lib/domain/admin/actor";

export type AuditAction =
  | "sale.create"
  | "sale.update"
  | "sale.schedule"
  | "sale.launch"
  | "sale.pause"
  | "sale.resume"
  | "sale.end"
  | "client.block"
  | "client.unblock";

/** Appends one admin action to the audit trail (the caller has connected to MongoDB). */
export async function recordAuditEvent(
  actor: Actor,
  action: AuditAction,
  saleId: string | null,
  data: Record<string, unknown> = {},
): Promise<void> {
  await AuditEvent.create({ at: new Date(), actor: actor.email, action, saleId, data: { actorId: actor.id, ...data } });
}
