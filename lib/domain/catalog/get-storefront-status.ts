import { getBookingStatus } from "@/lib/domain/booking/get-booking-status";
import type { BookingStatusView } from "@/lib/domain/booking/status-view";
import { readSaleStats } from "@/lib/domain/inventory/read-sale-stats";
import type { PublicSale } from "@/lib/domain/catalog/public-sale";
import { DomainError } from "@/lib/errors/domain-error";

/**
 * The sale page's first paint of the waiting room: the signed-in user's own status, or for a
 * visitor the sale's summary. A sale that is not yet in Redis (scheduled, not yet published)
 * shows its MongoDB record with the whole stock left.
 */
export async function getStorefrontStatus(sale: PublicSale, userId: string | null): Promise<BookingStatusView> {
  if (userId) {
    try {
      return await getBookingStatus(sale.id, userId);
    } catch (error) {
      if (!(error instanceof DomainError && error.code === "not_found")) throw error;
    }
  }
  const stats = await readSaleStats(sale.id);
  const saleStatus = stats.status ?? sale.status;
  return {
    saleId: sale.id,
    saleStatus: saleStatus === "live" && stats.status && stats.available <= 0 && stats.holds === 0 ? "sold_out" : saleStatus,
    stockLeft: stats.status ? stats.available : sale.stock,
    holds: stats.holds,
    serverTime: new Date().toISOString(),
    state: "none",
  };
}
