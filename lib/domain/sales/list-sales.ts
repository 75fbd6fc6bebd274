import { connectMongo } from "@/lib/db/connect";
import { Sale, type SaleDoc } from "@/lib/db/models/sale";
import { toAdminSale, type AdminSale } from "@/lib/domain/sales/admin-sale";

/** Every sale, drafts included, the most recently started first. */
export async function listSales(): Promise<AdminSale[]> {
  await connectMongo();
  const sales = await Sale.find().sort({ startsAt: -1 }).limit(500).lean<SaleDoc[]>();
  return sales.map(toAdminSale);
}
