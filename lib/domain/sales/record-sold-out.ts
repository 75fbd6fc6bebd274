import { Sale } from "@/lib/db/models/sale";
import { redis } from "@/lib/redis/client";
import { saleKeys } from "@/lib/redis/keys";

/**
 * Writes to MongoDB that a live sale sold out, once Redis says so (the confirm that took the last
 * item decided it, in confirm-hold.lua). Only the sale's writer calls this, under the writer lease
 * a marketer's edit of the sale also takes: FerretDB 1.x rewrites the whole document on an update,
 * so a web process writing the status beside an edit could undo the edit, or the edit the status.
 */
export async function recordSoldOut(saleId: string): Promise<void> {
  if ((await redis().hget(saleKeys(saleId).meta, "status")) !== "sold_out") return;
  await Sale.updateOne({ _id: saleId, status: "live" }, { $set: { status: "sold_out" } });
}
