import type { ChildProcess } from "node:child_process";
import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getChallenge } from "@/app/api/sales/[saleId]/challenge/route";
import { readSaleStats } from "@/lib/domain/inventory/read-sale-stats";
import { redis } from "@/lib/redis/client";
import { saleKeys } from "@/lib/redis/keys";
import { callRoute, createLiveSale, postIntentAs, purgeBookingQueue, sessionCookie, startWorker, stopWorker, userIds, waitFor } from "./support/harness";
import { mongoBookings, moveHoldExpiry, userStates } from "./support/sale-checks";

// Redis here keeps nothing on disk. When it comes back empty mid-sale, the running worker must
// rebuild it from MongoDB (DESIGN §5.5), and shoppers must hear the truth meanwhile.

let worker: ChildProcess | undefined;
beforeAll(() => purgeBookingQueue());
afterAll(async () => {
  await stopWorker(worker);
  await purgeBookingQueue();
});

const statusOf = async (saleId: string, userId: string) => (await userStates(saleId)).get(userId)?.status;

describe("Redis comes back empty", () => {
  it("until the sale is rebuilt, Buy hears 503 with Retry-After, not that the sale does not exist", async () => {
    const { saleId } = await createLiveSale({ stock: 2 });
    await redis().del(saleKeys(saleId).meta); // what a restart leaves: nothing
    const [userId] = userIds("restoring", 1);

    const challenge = await callRoute(getChallenge, `/api/sales/${saleId}/challenge`, { saleId }, { cookie: await sessionCookie(userId!), ip: "10.93.0.1" });
    const intent = await postIntentAs(userId!, saleId, { ip: "10.93.0.1" });
    for (const answer of [challenge, intent]) {
      expect(answer.status).toBe(503);
      expect(answer.body.error).toEqual({ code: "unavailable", message: "This sale is being restored after a restart. Try again in a few seconds." });
      expect(answer.headers.get("retry-after")).toBe("5");
    }
    expect(await redis().hlen(saleKeys(saleId).users)).toBe(0);

    // A sale that really is unknown is still a 404.
    const unknown = new mongoose.Types.ObjectId().toString();
    const missing = await callRoute(getChallenge, `/api/sales/${unknown}/challenge`, { saleId: unknown }, { cookie: await sessionCookie(userId!) });
    expect(missing.status).toBe(404);
  });

  it("the running worker rebuilds it: holds kept, new intents served, and holds still expire to the waitlist", async () => {
    worker = await startWorker({ SWEEP_INTERVAL_MS: "500" });
    // Holds that cannot run out before the rebuild, however busy the machine; expiry is driven below.
    const { saleId } = await createLiveSale({ stock: 3, holdSeconds: 300, waitlistMax: 5 });
    const [first, second, third, fourth] = userIds("reset", 4);
    for (const [i, userId] of [first!, second!].entries()) expect((await postIntentAs(userId, saleId, { ip: `10.94.0.${i + 1}` })).status).toBe(202);
    await waitFor(async () => (await statusOf(saleId, second!)) === "hold", 30_000);
    await mongoBookings(saleId); // the holds are in MongoDB

    await redis().flushdb();

    await waitFor(async () => (await redis().exists(saleKeys(saleId).meta)) === 1, 60_000);
    expect(await statusOf(saleId, first!)).toBe("hold");
    expect(await statusOf(saleId, second!)).toBe("hold");
    expect((await readSaleStats(saleId)).available).toBe(1);

    // Buying goes on without a worker restart: the last item, then the waitlist.
    expect((await postIntentAs(third!, saleId, { ip: "10.94.0.3" })).status).toBe(202);
    expect((await postIntentAs(fourth!, saleId, { ip: "10.94.0.4" })).status).toBe(202);
    await waitFor(async () => (await statusOf(saleId, fourth!)) === "waitlisted", 30_000);
    expect(await statusOf(saleId, third!)).toBe("hold");

    // The first hold falls due now: the sweeper (its schedule was lost with Redis, and rebuilt)
    // expires it, the waitlisted user gets the item, and the stock still adds up.
    await moveHoldExpiry(saleId, (await userStates(saleId)).get(first!)!.bookingId, Date.now());
    await waitFor(async () => (await statusOf(saleId, fourth!)) === "hold", 60_000);
    expect(await statusOf(saleId, first!)).toBe("expired");
    const stats = await readSaleStats(saleId);
    expect(stats.holds + stats.booked).toBeLessThanOrEqual(3);
    await stopWorker(worker);
  });
});
