import mongoose from "mongoose";
import { connectMongo } from "@/lib/db/connect";
import { Sale, type SaleDoc } from "@/lib/db/models/sale";
import { DomainError } from "@/lib/errors/domain-error";

/** The sale with this id, or 404 (a malformed id is just as unknown). */
export async function loadSale(saleId: string): Promise<SaleDoc> {
  if (!mongoose.isValidObjectId(saleId)) throw saleNotFound();
  await connectMongo();
  const sale = await Sale.findById(saleId).lean<SaleDoc>();
  if (!sale) throw saleNotFound();
  return sale;
}

function saleNotFound(): DomainError {
  return new DomainError("not_found", "There is no such sale.");
}
