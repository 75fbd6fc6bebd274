import calculateSlot from "cluster-key-slot";
import { Cluster } from "ioredis";
import type { RedisClient } from "@/lib/redis/client";

/** Hash tags tried per master before giving up: with an even spread, a handful each. */
const MAX_CANDIDATES = 100_000;

/**
 * Names for one copy of `base` on every master: `base` on a single Redis; on a cluster,
 * `base:{n}` for the first n whose slot each master serves. A master that comes back empty (a
 * failover that lost its writes) loses only its own keys, which one key on another master would
 * never show. Slot ownership moves with resharding, so ask again rather than keep the names.
 */
export function keyOnEveryMaster(client: RedisClient, base: string): string[] {
  if (!(client instanceof Cluster)) return [base];
  const masters = new Set(client.slots.map((owners) => owners[0]).filter((owner) => owner !== undefined));
  const keyByMaster = new Map<string, string>();
  for (let n = 0; keyByMaster.size < masters.size && n < MAX_CANDIDATES; n++) {
    const key = `${base}:{${n}}`;
    const master = client.slots[calculateSlot(key)]?.[0];
    if (master !== undefined && !keyByMaster.has(master)) keyByMaster.set(master, key);
  }
  return [...keyByMaster.values()];
}
