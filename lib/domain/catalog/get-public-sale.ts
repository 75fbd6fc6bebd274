import mongoose from "mongoose";
import { connectMongo } from "@/lib/db/connect";
import { Sale, type SaleDoc } from "@/lib/db/models/sale";
import { DomainError } from "@/lib/errors/domain-error";
import { toPublicSale, type PublicSale } from "@/lib/domain/catalog/public-sale";

/**
 * A sale as shoppers see it. Unknown ids, malformed ids and drafts are all the same 404, so a
 * draft's existence does not leak before the marketer publishes it.
 */
export async function getPublicSale(saleId: string): Promise<PublicSale> {
  if (!mongoose.isValidObjectId(saleId)) throw saleNotFound();
  await connectMongo();
  const sale = await Sale.findById(saleId).lean<SaleDoc>();
  if (!sale || sale.status === "draft") throw saleNotFound();
  return toPublicSale(sale);
}

function saleNotFound(): DomainError {
  return new DomainError("not_found", "There is no such sale.");
}
