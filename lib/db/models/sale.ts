import mongoose, { Schema, type InferSchemaType } from "mongoose";

export const SALE_STATUSES = ["draft", "scheduled", "live", "paused", "ended", "sold_out"] as const;
export type SaleStatus = (typeof SALE_STATUSES)[number];

const saleSchema = new Schema(
  {
    name: { type: String, required: true, trim: true },
    description: { type: String, default: "" },
    image: { type: String, default: "" },
    price: { type: Number, required: true, min: 0 },
    currency: { type: String, required: true, default: "EUR" },
    stock: { type: Number, required: true, min: 1 },
    startsAt: { type: Date, required: true },
    endsAt: { type: Date, required: true },
    holdSeconds: { type: Number, required: true, default: 300, min: 5 },
    /** How many users may wait for a freed hold once stock is out. */
    waitlistMax: { type: Number, required: true, default: 1000, min: 0 },
    status: { type: String, enum: SALE_STATUSES, default: "draft", required: true },
    createdBy: { type: String, default: "" },
  },
  { timestamps: true },
);
saleSchema.index({ status: 1, startsAt: 1 });

export type SaleDoc = InferSchemaType<typeof saleSchema> & { _id: mongoose.Types.ObjectId };
export const Sale = (mongoose.models.Sale as mongoose.Model<SaleDoc>) ?? mongoose.model<SaleDoc>("Sale", saleSchema);
