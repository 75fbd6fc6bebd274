import mongoose, { Schema, type InferSchemaType } from "mongoose";

/** Append-only log of state changes and admin actions: who did what, to what, when. */
const auditEventSchema = new Schema(
  {
    at: { type: Date, required: true, default: () => new Date() },
    actor: { type: String, required: true },
    action: { type: String, required: true },
    saleId: { type: String, default: null },
    bookingId: { type: String, default: null },
    data: { type: Schema.Types.Mixed, default: {} },
  },
  { versionKey: false },
);
auditEventSchema.index({ saleId: 1, at: -1 });
auditEventSchema.index({ at: -1 });

export type AuditEventDoc = InferSchemaType<typeof auditEventSchema>;
export const AuditEvent =
  (mongoose.models.AuditEvent as mongoose.Model<AuditEventDoc>) ??
  mongoose.model<AuditEventDoc>("AuditEvent", auditEventSchema);
