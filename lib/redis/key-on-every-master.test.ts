import calculateSlot from "cluster-key-slot";
import { Cluster, Redis } from "ioredis";
import { describe, expect, it } from "vitest";
import { keyOnEveryMaster } from "@/lib/redis/key-on-every-master";

/** A cluster client that never connects, with the slot map three masters would give it. */
function clusterOfThree(): Cluster {
  const client = new Cluster([{ host: "127.0.0.1", port: 1 }], { lazyConnect: true });
  client.slots = Array.from({ length: 16_384 }, (_, slot) => [slot < 5461 ? "a:1" : slot < 10_923 ? "b:2" : "c:3"]);
  return client;
}

describe("keyOnEveryMaster", () => {
  it("names one key per master of a cluster, each in a slot that master serves", () => {
    const client = clusterOfThree();
    const keys = keyOnEveryMaster(client, "marker");
    expect(keys).toHaveLength(3);
    expect(new Set(keys.map((key) => client.slots[calculateSlot(key)]![0])).size).toBe(3);
    for (const key of keys) expect(key).toMatch(/^marker:\{\d+\}$/);
  });

  it("follows the slot map: a master that owns no slot gets no key", () => {
    const client = clusterOfThree();
    client.slots = client.slots.map(([owner]) => [owner === "c:3" ? "a:1" : owner!]);
    expect(keyOnEveryMaster(client, "marker")).toHaveLength(2);
  });

  it("is the key itself on a single Redis", () => {
    expect(keyOnEveryMaster(new Redis({ lazyConnect: true }), "marker")).toEqual(["marker"]);
  });
});
