// The cluster leg only (see vitest.config.mts): what a Redis Cluster changes, on the private
// 3-master test cluster, with the real worker.
import type { ChildProcess } from "node:child_process";
import { Cluster, type Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAdmissionLatency } from "@/lib/domain/admin/record-admission-latency";
import { bullPrefix, bullQueue, HOLD_EXPIRY_QUEUE } from "@/lib/messaging/queues";
import { publishSaleEvent, subscribeSaleEvents, type SaleEvent } from "@/lib/realtime/sale-events";
import { redis, redisMasters } from "@/lib/redis/client";
import { holdKey, REDIS_BUILT_MARKER_KEY, saleChannel, saleKeys } from "@/lib/redis/keys";
import { createLiveSale, postIntentAs, purgeBookingQueue, startWorker, stopWorker, userIds, waitFor } from "./support/harness";
import { mongoBookings, userStates, waitUntilDrained } from "./support/sale-checks";

let worker: ChildProcess | undefined;
beforeAll(() => purgeBookingQueue());
afterAll(async () => stopWorker(worker));

function cluster(): Cluster {
  const client = redis();
  if (!(client instanceof Cluster)) throw new Error("this file runs against a Redis Cluster (npm run test:integration:cluster)");
  return client;
}

async function slotOf(key: string): Promise<number> {
  return (await cluster().cluster("KEYSLOT", key)) as number;
}

/** The master serving a key's slot, as "host:port". */
async function masterOf(key: string): Promise<string> {
  await cluster().ping();
  return cluster().slots[await slotOf(key)]![0]!;
}

const address = (node: Redis) => `${node.options.host}:${node.options.port}`;

/** Live sales until every master serves at least one of them: a test that uses them all touches every node. */
async function salesOnEveryMaster(): Promise<Map<string, string>> {
  const masters = (await redisMasters()).map(address);
  const saleByMaster = new Map<string, string>();
  for (let i = 0; i < 40 && saleByMaster.size < masters.length; i++) {
    const { saleId } = await createLiveSale({ stock: 1, waitlistMax: 10 });
    saleByMaster.set(await masterOf(saleKeys(saleId).meta), saleId);
  }
  expect([...saleByMaster.keys()].sort()).toEqual([...masters].sort());
  return saleByMaster;
}

describe("a sale on a Redis Cluster", () => {
  it("keeps every key and the event channel of one sale in one slot", async () => {
    const { saleId } = await createLiveSale();
    const keys = [...Object.values(saleKeys(saleId)), holdKey(saleId, "booking"), saleChannel(saleId)];
    const slots = new Set(await Promise.all(keys.map(slotOf)));
    expect(slots.size).toBe(1);
  });

  it("serves intents on every master after each master's script cache was flushed", async () => {
    const saleByMaster = await salesOnEveryMaster();
    await Promise.all((await redisMasters()).map((node) => node.script("FLUSH")));

    const saleIds = [...saleByMaster.values()];
    const users = userIds("flushed", 2);
    // Admission runs scripts (admit) in this process; the worker runs the pipelined reserve.
    for (const saleId of saleIds) for (const userId of users) expect((await postIntentAs(userId, saleId)).status).toBe(202);
    worker = await startWorker();
    for (const saleId of saleIds) {
      await waitUntilDrained(saleId);
      const states = await userStates(saleId);
      expect([...states.values()].map((entry) => entry.status).sort()).toEqual(["hold", "waitlisted"]);
    }
    await stopWorker(worker);
  });

  it("delivers a sale's events by sharded pub/sub, on the master of the sale's slot", async () => {
    const { saleId } = await createLiveSale();
    const channel = saleChannel(saleId);
    const ownerAddress = await masterOf(channel);
    const master = (await redisMasters()).find((node) => address(node) === ownerAddress)!;

    const received = new Promise<SaleEvent>((resolve) => {
      const unsubscribe = subscribeSaleEvents(saleId, (event) => {
        unsubscribe();
        resolve(event);
      });
    });
    // SSUBSCRIBE reaches the slot's master (classic SUBSCRIBE would count in NUMSUB instead).
    await waitFor(async () => ((await master.call("PUBSUB", "SHARDNUMSUB", channel)) as [string, number])[1] === 1, 30_000);
    expect(((await master.call("PUBSUB", "NUMSUB", channel)) as [string, number])[1]).toBe(0);

    await publishSaleEvent(saleId, ["user-1"], 7);
    expect(await received).toMatchObject({ saleId, users: ["user-1"], served: 7 });
  });

  it("keeps the dashboard's admission latencies of sales on every master", async () => {
    const saleIds = [...(await salesOnEveryMaster()).values()];
    // One flush a second writes every sale's pending counts: never one pipeline across slots.
    for (const saleId of saleIds) recordAdmissionLatency(saleId, 0.004);
    await waitFor(async () => (await Promise.all(saleIds.map((saleId) => redis().hlen(saleKeys(saleId).admissionLatency)))).every((fields) => fields > 0), 30_000);
  });

  it("keeps BullMQ's jobs under its hash-tagged prefix, in one slot", async () => {
    expect(bullPrefix()).toMatch(/^\{[^}]+\}$/);
    const { saleId } = await createLiveSale({ stock: 1 });
    const [userId] = userIds("expiry", 1);
    const { body } = await postIntentAs(userId!, saleId);
    worker = await startWorker();
    await waitUntilDrained(saleId);
    // The worker schedules the hold's expiry after the hold is in Redis and MongoDB: wait for the
    // job itself (stopping the worker as soon as the state shows could cut it off).
    const expiryJob = () => bullQueue(HOLD_EXPIRY_QUEUE).getJob(body.bookingId as string);
    await waitFor(async () => (await expiryJob()) !== undefined, 60_000);
    await stopWorker(worker);

    // The hold's expiry job was scheduled through the cluster, by the worker.
    const job = await expiryJob();
    expect(job?.data).toEqual({ saleId, bookingId: body.bookingId });
    expect(await job?.isDelayed()).toBe(true);

    const bullKeys: string[] = [];
    for (const node of await redisMasters()) {
      let cursor = "0";
      do {
        const [next, keys] = await node.scan(cursor, "MATCH", `${bullPrefix()}:*`, "COUNT", 1000);
        bullKeys.push(...keys);
        cursor = next;
      } while (cursor !== "0");
    }
    expect(bullKeys.length).toBeGreaterThan(0);
    expect(new Set(await Promise.all(bullKeys.map(slotOf))).size).toBe(1);
  });

  it("rebuilds a sale whose master alone came back empty, while the worker runs", async () => {
    worker = await startWorker({ SWEEP_INTERVAL_MS: "500" });
    // A master other than those of the first marker key and BullMQ's jobs: a single marker on
    // another master would never notice this one's loss.
    const spared = new Set([await masterOf(REDIS_BUILT_MARKER_KEY), await masterOf(`${bullPrefix()}:any`)]);
    const [lostMaster, saleId] = [...(await salesOnEveryMaster())].find(([master]) => !spared.has(master))!;
    const [userId] = userIds("lost-master", 1);
    expect((await postIntentAs(userId!, saleId)).status).toBe(202);
    await waitUntilDrained(saleId);
    await waitFor(async () => (await userStates(saleId)).get(userId!)?.status === "hold", 30_000);
    expect((await mongoBookings(saleId)).map((booking) => booking.status)).toEqual(["hold"]);

    await (await redisMasters()).find((node) => address(node) === lostMaster)!.flushdb();

    await waitFor(async () => (await redis().exists(saleKeys(saleId).meta)) === 1, 60_000);
    expect((await userStates(saleId)).get(userId!)?.status).toBe("hold");
    await stopWorker(worker);
  });
});
