import { connectMongo } from "@/lib/db/connect";
import { Sale, type SaleDoc } from "@/lib/db/models/sale";
import { logger } from "@/lib/log/logger";
import type { SaleEffects } from "@/lib/domain/sales/sale-effects";
import { runSaleScheduleJob } from "@/lib/domain/sales/run-sale-schedule-job";

export type ScheduleSweepResult = { launched: string[]; ended: string[] };

/**
 * The safety net behind the start and end jobs: starts every scheduled sale whose start has
 * passed and ends every open sale whose end has passed. Redis runs without persistence here, so a
 * restarted Redis has lost the delayed jobs; this puts the sales right within one sweep interval.
 * Each flip goes through the same checks as the jobs, so a sweep racing a job changes nothing twice.
 */
export async function sweepSaleSchedule(effects: SaleEffects, now = new Date()): Promise<ScheduleSweepResult> {
  await connectMongo();
  const [toStart, toEnd] = await Promise.all([
    Sale.find({ status: "scheduled", startsAt: { $lte: now }, endsAt: { $gt: now } }, { _id: 1 }).lean<SaleDoc[]>(),
    Sale.find({ status: { $in: ["scheduled", "live", "paused", "sold_out"] }, endsAt: { $lte: now } }, { _id: 1 }).lean<SaleDoc[]>(),
  ]);
  const result: ScheduleSweepResult = { launched: [], ended: [] };
  for (const sale of toStart) {
    const saleId = String(sale._id);
    if ((await runSaleScheduleJob(saleId, "start", effects, now)).outcome === "launched") result.launched.push(saleId);
  }
  for (const sale of toEnd) {
    const saleId = String(sale._id);
    if ((await runSaleScheduleJob(saleId, "end", effects, now)).outcome === "ended") result.ended.push(saleId);
  }
  if (result.launched.length || result.ended.length) logger.warn(result, "sale schedule sweep flipped overdue sales (their jobs were late or lost)");
  return result;
}
