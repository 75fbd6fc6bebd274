import type { HoldEffects } from "@/lib/domain/holds/hold-effects";

export type SaleJobAction = "start" | "end";

/**
 * What changing a sale needs from the outside world, passed in by the web and the worker: its
 * start and end jobs on a delayed-job queue, and (when added stock hands items to waiting users)
 * the expiry of the holds that creates; and, at the start, the draw of the pre-queue.
 */
export type SaleEffects = HoldEffects & {
  /** Puts the sale's start or end job at `at`, replacing any earlier one. */
  scheduleSaleJob(saleId: string, action: SaleJobAction, at: Date): Promise<void>;
  /** Drops the sale's pending start or end job, if any. */
  cancelSaleJob(saleId: string, action: SaleJobAction): Promise<void>;
  /** Gives the users in the sale's pre-queue their places in line, in random order. */
  drawPrequeue(saleId: string): Promise<void>;
};
