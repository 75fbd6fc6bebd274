import type { SaleStatus } from "@/lib/db/models/sale";
import { DomainError } from "@/lib/errors/domain-error";
import { createRedis } from "@/lib/redis/client";
import { saleKeys } from "@/lib/redis/keys";

/**
 * Moves the sale's published status from `from` to `to` in Redis, or refuses with 409 when another
 * admin action (or the scheduler) changed it first. FerretDB cannot arbitrate a conditional update
 * (DESIGN §6), so two racing actions — say "end" and "resume" — are decided here, by WATCH on the
 * sale's meta hash; the loser never writes MongoDB. A sale not yet published has nothing to race.
 */
export async function claimSaleStatus(saleId: string, from: SaleStatus, to: SaleStatus): Promise<void> {
  const metaKey = saleKeys(saleId).meta;
  // WATCH belongs to a connection, so the shared auto-pipelined one cannot be used.
  const connection = createRedis({ enableAutoPipelining: false });
  try {
    await connection.watch(metaKey);
    const current = await connection.hget(metaKey, "status");
    if (current !== null && current !== from) {
      await connection.unwatch();
      throw changedMeanwhile(current);
    }
    const committed = await connection.multi().hset(metaKey, "status", to).exec();
    if (committed === null) throw changedMeanwhile((await connection.hget(metaKey, "status")) ?? "changed");
  } finally {
    connection.disconnect();
  }
}

function changedMeanwhile(status: string): DomainError {
  return new DomainError("conflict", `The sale changed meanwhile (it is now ${status}). Reload and try again.`, { status });
}
