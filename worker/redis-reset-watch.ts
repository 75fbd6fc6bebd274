import { logger } from "@/lib/log/logger";
import { redis } from "@/lib/redis/client";
import { REDIS_BUILT_MARKER_KEY } from "@/lib/redis/keys";

/**
 * Redis can come back empty while the worker runs (here it keeps nothing on disk; elsewhere a
 * failover can lose the last writes). The sales' state, the hold expiry jobs and the sweeper's
 * schedule would then be gone until the next worker start: shoppers would read "this sale does
 * not exist" and no hold would expire. The worker leaves a marker key once Redis is built; every
 * interval it checks the marker, and the first worker to find it gone claims it (SET NX) and
 * rebuilds what a start rebuilds. A rebuild that fails gives the marker back, so it is retried.
 */
export function watchForRedisReset(rebuild: () => Promise<void>, intervalMs: number): { stop: () => void } {
  let checking = false;
  const check = async () => {
    if (checking) return;
    checking = true;
    try {
      if ((await redis().set(REDIS_BUILT_MARKER_KEY, String(Date.now()), "NX")) !== "OK") return;
      logger.warn("Redis came back empty: rebuilding open sales from MongoDB and the sweeper's schedule");
      await rebuild().catch(async (error: unknown) => {
        await redis().del(REDIS_BUILT_MARKER_KEY);
        throw error;
      });
    } catch (error) {
      logger.error({ err: error }, "checking or rebuilding Redis after a reset failed; retrying");
    } finally {
      checking = false;
    }
  };
  const timer = setInterval(() => void check(), intervalMs);
  return { stop: () => clearInterval(timer) };
}

/** Marks Redis as built (after the start's own rebuild). */
export async function markRedisBuilt(): Promise<void> {
  await redis().set(REDIS_BUILT_MARKER_KEY, String(Date.now()));
}
