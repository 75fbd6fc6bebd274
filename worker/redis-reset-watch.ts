import { logger } from "@/lib/log/logger";
import { redis } from "@/lib/redis/client";
import { keyOnEveryMaster } from "@/lib/redis/key-on-every-master";
import { REDIS_BUILT_MARKER_KEY } from "@/lib/redis/keys";

/**
 * Redis can come back empty while the worker runs (here it keeps nothing on disk; elsewhere a
 * failover can lose the last writes). The sales' state, the hold expiry jobs and the sweeper's
 * schedule would then be gone until the next worker start: shoppers would read "this sale does
 * not exist" and no hold would expire. The worker leaves a marker key once Redis is built (on a
 * cluster, one on every master: a master can come back empty alone); every interval it checks the
 * markers, and the first worker to find one gone claims it (SET NX) and rebuilds what a start
 * rebuilds. A rebuild that fails gives the markers back, so it is retried.
 */
export function watchForRedisReset(rebuild: () => Promise<void>, intervalMs: number): { stop: () => void } {
  let checking = false;
  const check = async () => {
    if (checking) return;
    checking = true;
    try {
      const markers = keyOnEveryMaster(redis(), REDIS_BUILT_MARKER_KEY);
      const claims = await Promise.all(markers.map((marker) => redis().set(marker, String(Date.now()), "NX")));
      const claimed = markers.filter((_, i) => claims[i] === "OK");
      if (claimed.length === 0) return;
      logger.warn({ markers: claimed }, "Redis came back empty: rebuilding open sales from MongoDB and the sweeper's schedule");
      await rebuild().catch(async (error: unknown) => {
        await Promise.all(claimed.map((marker) => redis().del(marker)));
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
  await redis().ping(); // a cluster knows its slots once it is ready
  await Promise.all(keyOnEveryMaster(redis(), REDIS_BUILT_MARKER_KEY).map((marker) => redis().set(marker, String(Date.now()))));
}
