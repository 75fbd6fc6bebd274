import { isRedisCluster, redis, redisSubscriber } from "@/lib/redis/client";
import { saleChannel } from "@/lib/redis/keys";
import { logger } from "@/lib/log/logger";

/**
 * One change in a sale, published on the sale's Redis channel.
 * `users` lists whose state changed; `served` moves every queued user's position.
 */
export type SaleEvent = { saleId: string; users: string[]; served?: number; at: number };
export type SaleEventListener = (event: SaleEvent) => void;

/**
 * How events travel. On a cluster: sharded pub/sub (SPUBLISH/SSUBSCRIBE), so a sale's events stay
 * on the master that owns its `{saleId}` slot; classic PUBLISH would be copied to every node over
 * the cluster bus, and the bus would carry all events of all sales. On one server: classic
 * PUBLISH/SUBSCRIBE, which reaches the same subscribers and works on any Redis version.
 */
function transport() {
  return isRedisCluster()
    ? {
        publish: (channel: string, message: string) => redis().spublish(channel, message),
        subscribe: (channel: string) => redisSubscriber().ssubscribe(channel),
        unsubscribe: (channel: string) => redisSubscriber().sunsubscribe(channel),
        messageEvent: "smessage",
      }
    : {
        publish: (channel: string, message: string) => redis().publish(channel, message),
        subscribe: (channel: string) => redisSubscriber().subscribe(channel),
        unsubscribe: (channel: string) => redisSubscriber().unsubscribe(channel),
        messageEvent: "message",
      };
}

export async function publishSaleEvent(saleId: string, users: string[], served?: number): Promise<void> {
  const event: SaleEvent = { saleId, users, served, at: Date.now() };
  await transport().publish(saleChannel(saleId), JSON.stringify(event));
}

const globalForEvents = globalThis as unknown as { flashSaleEventListeners?: Map<string, Set<SaleEventListener>>; flashSaleEventsWired?: boolean };

function listeners(): Map<string, Set<SaleEventListener>> {
  globalForEvents.flashSaleEventListeners ??= new Map();
  if (!globalForEvents.flashSaleEventsWired) {
    globalForEvents.flashSaleEventsWired = true;
    redisSubscriber().on(transport().messageEvent, (channel: string, message: string) => {
      const set = globalForEvents.flashSaleEventListeners?.get(channel);
      if (!set?.size) return;
      let event: SaleEvent;
      try {
        event = JSON.parse(message) as SaleEvent;
      } catch {
        logger.warn({ channel }, "unparseable sale event");
        return;
      }
      for (const listener of set) listener(event);
    });
  }
  return globalForEvents.flashSaleEventListeners;
}

/**
 * Subscribes to a sale's events. One Redis subscription per sale and process is shared by every
 * listener (SSE stream) in the process; the last unsubscribe drops it.
 */
export function subscribeSaleEvents(saleId: string, listener: SaleEventListener): () => void {
  const channel = saleChannel(saleId);
  const map = listeners();
  let set = map.get(channel);
  if (!set) {
    set = new Set();
    map.set(channel, set);
    transport().subscribe(channel).catch((error: unknown) => logger.warn({ err: error, channel }, "subscribe failed"));
  }
  set.add(listener);
  return () => {
    const current = map.get(channel);
    if (!current) return;
    current.delete(listener);
    if (current.size === 0) {
      map.delete(channel);
      transport().unsubscribe(channel).catch(() => {});
    }
  };
}
