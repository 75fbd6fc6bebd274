import { toPublicSale, type PublicSale } from "@/lib/domain/catalog/public-sale";
import type { SaleDoc, SaleStatus } from "@/lib/db/models/sale";

/** A sale as the admin pages and APIs show it: what shoppers see, plus drafts and internal settings. */
export type AdminSale = Omit<PublicSale, "status"> & {
  waitlistMax: number;
  status: SaleStatus;
  createdBy: string;
  updatedAt: string | null;
};

export function toAdminSale(sale: SaleDoc): AdminSale {
  return {
    ...toPublicSale(sale),
    waitlistMax: sale.waitlistMax,
    status: sale.status,
    createdBy: sale.createdBy,
    updatedAt: sale.updatedAt ? sale.updatedAt.toISOString() : null,
  };
}
