import type { SaleDoc, SaleStatus } from "@/lib/db/models/sale";

/** What a shopper may see of a sale: no creator, no internal bounds. Dates as ISO strings. */
export type PublicSale = {
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
  status: Exclude<SaleStatus, "draft">;
};

export function toPublicSale(sale: SaleDoc): PublicSale {
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
    status: sale.status as PublicSale["status"],
  };
}
