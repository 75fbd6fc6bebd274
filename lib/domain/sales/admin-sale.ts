import type { SaleDoc, SaleStatus } from "@/lib/db/models/sale";

/** A sale as the admin pages and APIs show it: every setting, dates as ISO strings. */
export type AdminSale = {
  id: string;
  name: string;
  description: string;
  image: string;
  price: number;
  currency: string;
  stock: number;
  startsAt: string;
  endsAt: string;
  holdSeconds: number;
  waitlistMax: number;
  status: SaleStatus;
  createdBy: string;
  updatedAt: string | null;
};

export function toAdminSale(sale: SaleDoc): AdminSale {
  return {
    id: String(sale._id),
    name: sale.name,
    description: sale.description,
    image: sale.image,
    price: sale.price,
    currency: sale.currency,
    stock: sale.stock,
    startsAt: sale.startsAt.toISOString(),
    endsAt: sale.endsAt.toISOString(),
    holdSeconds: sale.holdSeconds,
    waitlistMax: sale.waitlistMax,
    status: sale.status,
    createdBy: sale.createdBy,
    updatedAt: sale.updatedAt ? sale.updatedAt.toISOString() : null,
  };
}
