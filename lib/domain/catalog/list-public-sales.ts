import { connectMongo } from "@/lib/db/connect";
import { Sale, type SaleDoc } from "@/lib/db/models/sale";
import { toPublicSale, type PublicSale } from "@/lib/domain/catalog/public-sale";

export type SaleListing = { live: PublicSale[]; upcoming: PublicSale[]; ended: PublicSale[] };

const ENDED_SHOWN = 12;

/**
 * The home page's three shelves. A paused sale stays on the live shelf (its queue keeps its
 * order and it will resume); drafts are never listed.
 */
export async function listPublicSales(): Promise<SaleListing> {
  await connectMongo();
  const [open, upcoming, ended] = await Promise.all([
    Sale.find({ status: { $in: ["live", "paused"] } }).sort({ endsAt: 1 }).lean<SaleDoc[]>(),
    Sale.find({ status: "scheduled" }).sort({ startsAt: 1 }).lean<SaleDoc[]>(),
    Sale.find({ status: { $in: ["ended", "sold_out"] } }).sort({ endsAt: -1 }).limit(ENDED_SHOWN).lean<SaleDoc[]>(),
  ]);
  return { live: open.map(toPublicSale), upcoming: upcoming.map(toPublicSale), ended: ended.map(toPublicSale) };
}
