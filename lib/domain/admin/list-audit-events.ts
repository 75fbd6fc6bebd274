import mongoose, { type QueryFilter } from "mongoose";
import { z } from "zod";
import { connectMongo } from "@/lib/db/connect";
import { AuditEvent, type AuditEventDoc } from "@/lib/db/models/audit-event";
import { Sale, type SaleDoc } from "@/lib/db/models/sale";
import { textInput } from "@/lib/domain/text-input";

export type AuditEntry = {
  id: string;
  at: string;
  actor: string;
  action: string;
  saleId: string | null;
  /** The sale's current name, when the event is about a sale that still exists. */
  saleName: string | null;
  bookingId: string | null;
  data: Record<string, unknown>;
};

const blankToUndefined = (value: unknown) => (value === "" ? undefined : value);

const auditFiltersSchema = z.object({
  saleId: z.preprocess(blankToUndefined, textInput().max(64).optional()),
  action: z.preprocess(blankToUndefined, z.string().regex(/^[a-z_.]+$/, "action is like sale.launch").max(64).optional()),
  page: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).default(1)),
  pageSize: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(200).default(50)),
});

export type AuditPage = { events: AuditEntry[]; total: number; page: number; pageSize: number };

/** The audit trail, newest first, optionally for one sale or one kind of action. */
export async function listAuditEvents(params: URLSearchParams): Promise<AuditPage> {
  const filters = auditFiltersSchema.parse(Object.fromEntries(params));
  await connectMongo();
  const query: QueryFilter<AuditEventDoc> = {};
  if (filters.saleId) query.saleId = filters.saleId;
  if (filters.action) query.action = filters.action;
  const [events, total] = await Promise.all([
    AuditEvent.find(query)
      .sort({ at: -1 })
      .skip((filters.page - 1) * filters.pageSize)
      .limit(filters.pageSize)
      .lean<(AuditEventDoc & { _id: mongoose.Types.ObjectId })[]>(),
    AuditEvent.countDocuments(query),
  ]);
  const saleIds = [...new Set(events.map((event) => event.saleId).filter((id): id is string => !!id && mongoose.isValidObjectId(id)))];
  const sales = saleIds.length ? await Sale.find({ _id: { $in: saleIds } }, { name: 1 }).lean<SaleDoc[]>() : [];
  const saleNames = new Map(sales.map((sale) => [String(sale._id), sale.name]));
  return {
    events: events.map((event) => ({
      id: String(event._id),
      at: new Date(event.at).toISOString(),
      actor: event.actor,
      action: event.action,
      saleId: event.saleId ?? null,
      saleName: event.saleId ? (saleNames.get(event.saleId) ?? null) : null,
      bookingId: event.bookingId ?? null,
      data: (event.data ?? {}) as Record<string, unknown>,
    })),
    total,
    page: filters.page,
    pageSize: filters.pageSize,
  };
}
