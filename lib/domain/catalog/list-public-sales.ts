import { connectMongo } from "@/lib/db/connect";
import { Sale, type SaleDoc } from "@/lib/db/models/sale";
import { readSaleStats } from "@/lib/domain/inventory/read-sale-stats";
import { toPublicSale, type PublicSale } from "@/lib/domain/catalog/public-sale";

/**
 * A sale on a shelf, with the items left (live counters from Redis once the sale is published).
 * `closedAt`, for a closed sale: when it actually closed, which is before `endsAt` when it sold
 * out or a marketer ended it early.
 */
export type ListedSale = PublicSale & { stockLeft: number; closedAt?: string };
export type SaleListing = { live: ListedSale[]; upcoming: ListedSale[]; ended: ListedSale[] };

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
    // A closed sale's last update is its closing (or an edit after it): most recently closed first.
    Sale.find({ status: { $in: ["ended", "sold_out"] } }).sort({ updatedAt: -1 }).limit(ENDED_SHOWN).lean<SaleDoc[]>(),
  ]);
  return {
    live: await Promise.all(open.map(withLiveStock)),
    upcoming: upcoming.map((sale) => ({ ...toPublicSale(sale), stockLeft: sale.stock })),
    ended: ended.map((sale) => ({ ...toPublicSale(sale), stockLeft: 0, closedAt: closedAt(sale).toISOString() })),
  };
}

function closedAt(sale: SaleDoc): Date {
  const updatedAt = (sale as SaleDoc & { updatedAt?: Date }).updatedAt;
  return updatedAt && updatedAt < sale.endsAt ? updatedAt : sale.endsAt;
}

async function withLiveStock(sale: SaleDoc): Promise<ListedSale> {
  const stats = await readSaleStats(String(sale._id));
  return { ...toPublicSale(sale), stockLeft: stats.status ? stats.available : sale.stock };
}
