import mongoose from "mongoose";
import { connectMongo } from "@/lib/db/connect";
import { Sale, type SaleStatus } from "@/lib/db/models/sale";
import { DomainError } from "@/lib/errors/domain-error";

/** Sales whose state the worker rebuilds in Redis (reconcileOpenSales). */
const REBUILT_STATUSES: SaleStatus[] = ["live", "paused", "sold_out"];
const REBUILD_WAIT_SECONDS = 5;

/**
 * The refusal for a sale Redis does not know. Usually there is no such sale (404); but when
 * MongoDB has it open, Redis has lost it (a restart) and the worker is rebuilding it within
 * seconds: saying "does not exist" would be false, so the answer is 503 with a Retry-After.
 */
export async function unknownSaleRefusal(saleId: string): Promise<DomainError> {
  if (mongoose.isValidObjectId(saleId)) {
    await connectMongo();
    if (await Sale.exists({ _id: saleId, status: { $in: REBUILT_STATUSES } })) {
      return new DomainError("unavailable", "This sale is being restored after a restart. Try again in a few seconds.", {
        retryAfterSeconds: REBUILD_WAIT_SECONDS,
      });
    }
  }
  return new DomainError("not_found", "This sale does not exist.");
}
