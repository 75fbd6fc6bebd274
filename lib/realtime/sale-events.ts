import { isRedisCluster, redis, redisSubscriber } from "@/lib/redis/client";
import { saleChannel } from "@/lib/redis/keys";
import { logger } from "@/lib/log/logger";

/**
 * One change in a sale, published on the sale's Redis channel.
 * `users` lists whose state changed; `served` moves every queued user's position.
 */
export type SaleEvent = { saleId: string; users: string[]; served?: number; at: number };
export type SaleEventListener = (event: SaleEvent) => void;
/** Events may have been missed: the subscription's connection dropped and is back. */
export type SaleEventsGapListener = () => void;

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

type Subscription = { onEvent: SaleEventListener; onGap: SaleEventsGapListener };

const globalForEvents = globalThis as unknown as { flashSaleEventListeners?: Map<string, Set<Subscription>>; flashSaleEventsWired?: boolean };

/** Every listener of every channel is told of a gap: none of their channels heard anything meanwhile. */
function announceGap(): void {
  const subscriptions = [...(globalForEvents.flashSaleEventListeners?.values() ?? [])].flatMap((set) => [...set]);
  logger.warn({ subscriptions: subscriptions.length }, "sale events resubscribed after a lost connection; resynchronising");
  for (const subscription of subscriptions) subscription.onGap();
}

function listeners(): Map<string, Set<Subscription>> {
  globalForEvents.flashSaleEventListeners ??= new Map();
  if (!globalForEvents.flashSaleEventsWired) {
    globalForEvents.flashSaleEventsWired = true;
    const subscriber = redisSubscriber();
    subscriber.on(transport().messageEvent, (channel: string, message: string) => {
      const set = globalForEvents.flashSaleEventListeners?.get(channel);
      if (!set?.size) return;
      let event: SaleEvent;
      try {
        event = JSON.parse(message) as SaleEvent;
      } catch {
        logger.warn({ channel }, "unparseable sale event");
        return;
      }
      for (const subscription of set) subscription.onEvent(event);
    });
    // ioredis subscribes again on its own when it reconnects (ready comes after it has sent the
    // SUBSCRIBEs), but what was published while it was away is gone.
    let connectedBefore = false;
    subscriber.on("ready", () => {
      if (connectedBefore) announceGap();
      connectedBefore = true;
    });
  }
  return globalForEvents.flashSaleEventListeners;
}

/**
 * Subscribes to a sale's events. One Redis subscription per sale and process is shared by every
 * listener (SSE stream) in the process; the last unsubscribe drops it. `onGap` is called when
 * events may have been missed (the connection dropped and came back): re-read what they would say.
 */
export function subscribeSaleEvents(saleId: string, onEvent: SaleEventListener, onGap: SaleEventsGapListener = () => {}): () => void {
  const channel = saleChannel(saleId);
  const map = listeners();
  let set = map.get(channel);
  if (!set) {
    set = new Set();
    map.set(channel, set);
    transport().subscribe(channel).catch((error: unknown) => logger.warn({ err: error, channel }, "subscribe failed"));
  }
  const listener: Subscription = { onEvent, onGap };
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
