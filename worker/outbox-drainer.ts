import { logger } from "@/lib/log/logger";
import { redis } from "@/lib/redis/client";
import { ACTIVE_SALES_KEY, saleKeys } from "@/lib/redis/keys";
import { drainOutbox } from "@/lib/domain/booking/drain-outbox";

/** How often each worker looks for outbox records: MongoDB follows Redis within about this much plus a round. */
export const DRAIN_TICK_MS = 200;
const SALES_AT_ONCE = 8;

/**
 * Every worker runs one: each tick it looks at the active sales' outboxes (one HLEN each) and
 * drains those with records. The sale's writer lease makes one process the writer of a sale at a
 * time, however many workers run; the others find it busy and move on. A tick rather than an
 * event: every change in any process (web confirm and cancel, expiry, admin edits) leaves a
 * record, and a missed event would leave it until the next one.
 */
export function startOutboxDrainer(tickMs = DRAIN_TICK_MS): { stop: () => Promise<void> } {
  let stopped = false;
  const tick = async () => {
    const saleIds = await redis().smembers(ACTIVE_SALES_KEY);
    const lengths = await Promise.all(saleIds.map((saleId) => redis().hlen(saleKeys(saleId).dirty)));
    const dirty = saleIds.filter((_, i) => lengths[i]! > 0);
    for (let start = 0; start < dirty.length && !stopped; start += SALES_AT_ONCE) {
      await Promise.all(
        dirty.slice(start, start + SALES_AT_ONCE).map((saleId) =>
          drainOutbox(saleId).catch((error: unknown) => logger.error({ err: error, saleId }, "draining the outbox failed; retrying")),
        ),
      );
    }
  };
  const loop = async () => {
    while (!stopped) {
      await tick().catch((error: unknown) => logger.error({ err: error }, "outbox drainer tick failed"));
      await new Promise((resolve) => setTimeout(resolve, tickMs));
    }
  };
  const running = loop();
  return {
    stop: async () => {
      stopped = true;
      await running;
    },
  };
}
