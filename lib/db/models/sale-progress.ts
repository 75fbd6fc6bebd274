import mongoose, { Schema, type InferSchemaType } from "mongoose";

/**
 * How far the worker has served a sale's queue: the highest ticket served, so a Redis rebuild
 * never hands a ticket out twice. Kept apart from the sale's document on purpose: the worker
 * writes it after every batch, and FerretDB 1.x applies an update by rewriting the whole
 * document, so a shared document would let this write undo a marketer's concurrent stock edit.
 */
const saleProgressSchema = new Schema(
  {
    _id: { type: String, required: true },
    servedTicket: { type: Number, required: true, default: 0 },
  },
  { versionKey: false },
);

export type SaleProgressDoc = InferSchemaType<typeof saleProgressSchema>;
export const SaleProgress =
  (mongoose.models.SaleProgress as mongoose.Model<SaleProgressDoc>) ?? mongoose.model<SaleProgressDoc>("SaleProgress", saleProgressSchema, "sale_progress");
