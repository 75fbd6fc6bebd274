import { toAdminSale, type AdminSale } from "@/lib/domain/sales/admin-sale";
import { loadSale } from "@/lib/domain/sales/load-sale";

/** One sale with every setting, for the admin pages (404 when unknown). */
export async function getSale(saleId: string): Promise<AdminSale> {
  return toAdminSale(await loadSale(saleId));
}
