import { redis } from "@/lib/redis/client";
import { saleKeys } from "@/lib/redis/keys";
import { DomainError } from "@/lib/errors/domain-error";
import type { SaleFrontier, SaleStatusSummary } from "@/lib/domain/booking/status-view";

/** The sale's summary from its raw Redis values: a live sale with nothing left or held is sold out. */
export function summarizeSale(saleId: string, status: string, stockLeft: number, holds: number, time: [string, string]): SaleStatusSummary {
  const [seconds, micros] = time;
  return {
    saleId,
    saleStatus: status === "live" && stockLeft <= 0 && holds === 0 ? "sold_out" : status,
    stockLeft,
    holds,
    serverTime: new Date(Number(seconds) * 1000 + Math.floor(Number(micros) / 1000)).toISOString(),
  };
}

/** What every shopper of the sale shares, in one round trip; 404 for a sale Redis does not know. */
export async function readSaleFrontier(saleId: string): Promise<SaleFrontier> {
  const keys = saleKeys(saleId);
  const replies = await redis().multi().hget(keys.meta, "status").get(keys.inventory).zcard(keys.holds).get(keys.served).get(keys.drainRate).time().exec();
  const value = <T>(index: number) => replies?.[index]?.[1] as T;
  const status = value<string | null>(0);
  if (!status) throw new DomainError("not_found", "This sale does not exist or is not open yet.");
  const drainRate = value<string | null>(4);
  return {
    ...summarizeSale(saleId, status, Number(value<string | null>(1) ?? 0), value<number>(2), value<[string, string]>(5)),
    served: Number(value<string | null>(3) ?? 0),
    drainRate: drainRate === null ? null : Number(drainRate),
  };
}
