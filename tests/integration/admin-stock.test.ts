import { describe, expect, it } from "vitest";
import * as saleRoute from "@/app/api/admin/sales/[id]/route";
import { Booking } from "@/lib/db/models/booking";
import { Sale } from "@/lib/db/models/sale";
import { admitIntent } from "@/lib/domain/admission/admit-intent";
import { serveIntents } from "@/lib/domain/booking/serve-intents";
import { confirmHold } from "@/lib/domain/holds/confirm-hold";
import { publishSaleState } from "@/lib/domain/inventory/publish-sale-state";
import { readSaleStats } from "@/lib/domain/inventory/read-sale-stats";
import { launchSale } from "@/lib/domain/sales/launch-sale";
import type { BookingRequest } from "@/lib/messaging/booking-request";
import { holdEffects } from "@/lib/messaging/hold-expiry";
import { bullQueue, HOLD_EXPIRY_QUEUE } from "@/lib/messaging/queues";
import { saleEffects } from "@/lib/messaging/sale-schedule";
import { redis } from "@/lib/redis/client";
import { saleKeys } from "@/lib/redis/keys";
import { callRoute, mapLimit, sessionCookie, userIds, waitFor } from "./support/harness";
import { userStates } from "./support/sale-checks";
import { drainOutboxNow } from "@/lib/domain/booking/drain-outbox";
import { draftSale, MARKETER } from "./admin-support";

async function liveSale(stock: number, waitlistMax = 0): Promise<string> {
  const id = await draftSale({ stock, waitlistMax, startsAt: new Date(Date.now() - 60_000).toISOString() });
  await launchSale(id, MARKETER, saleEffects);
  return id;
}

/** Admits the users and has the booking engine serve them, in ticket order, as the worker would. */
async function admitAndServe(saleId: string, users: string[]): Promise<BookingRequest[]> {
  const requests: BookingRequest[] = [];
  for (const userId of users) {
    await admitIntent({ saleId, userId, ip: "10.66.0.1", userAgent: "vitest" }, async (request) => {
      requests.push(request);
    });
  }
  await serveIntents(saleId, requests, holdEffects);
  return requests;
}

const editSale = async (id: string, patch: Record<string, unknown>) =>
  callRoute(saleRoute.PATCH, `/api/admin/sales/${id}`, { id }, { method: "PATCH", cookie: await sessionCookie("admin-stock-marketer", "marketer"), body: patch });
const setStock = (id: string, stock: number) => editSale(id, { stock });

/** A marketer's edit, made again after each 409 "changed meanwhile", as the admin page's reload and retry would. */
async function editUntilAccepted(id: string, patch: Record<string, unknown>): Promise<void> {
  await waitFor(
    async () => {
      const answer = await editSale(id, patch);
      if (answer.status !== 409) expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      return answer.status === 200;
    },
    30_000,
    20,
  );
}

/** Redis and MongoDB agree on the stock, and available + held + booked adds up to it. */
async function stockLedger(id: string) {
  const stats = await readSaleStats(id);
  const sale = await Sale.findById(id).lean();
  return { mongoStock: sale!.stock, redisStock: stats.stock, taken: stats.holds + stats.booked, available: stats.available };
}

describe("changing the stock of a live sale", () => {
  it("never goes below the items held and booked: a clear 409, and nothing changes", async () => {
    const id = await liveSale(3);
    const requests = await admitAndServe(id, userIds("stock", 3));
    await confirmHold(requests[0]!.bookingId, requests[0]!.userId, holdEffects);

    const refused = await setStock(id, 2);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toEqual({ code: "conflict", message: "The stock cannot go below 3: that many items are already held or booked." });
    expect(await stockLedger(id)).toEqual({ mongoStock: 3, redisStock: 3, taken: 3, available: 0 });

    expect((await setStock(id, 5)).status).toBe(200);
    expect(await stockLedger(id)).toEqual({ mongoStock: 5, redisStock: 5, taken: 3, available: 2 });
    expect((await setStock(id, 3)).status).toBe(200);
    expect(await stockLedger(id)).toEqual({ mongoStock: 3, redisStock: 3, taken: 3, available: 0 });
  });

  it("stock edits racing each other and the booking engine never leave held + booked above the stock", async () => {
    const id = await liveSale(10);
    const users = userIds("stock-race", 12);
    const edits = [4, 8, 2, 12, 6, 9, 3, 7];
    const answers = await Promise.all([
      mapLimit(users, 4, async (userId) => admitAndServe(id, [userId])),
      mapLimit(edits, 4, async (stock) => (await setStock(id, stock)).status),
    ]);
    for (const status of answers[1]) expect([200, 409]).toContain(status);

    const ledger = await stockLedger(id);
    expect(ledger.redisStock).toBe(ledger.mongoStock);
    expect(ledger.taken).toBeLessThanOrEqual(ledger.mongoStock);
    expect(ledger.available).toBeGreaterThanOrEqual(0);
    expect(ledger.available + ledger.taken).toBe(ledger.mongoStock);
    const holds = await Booking.countDocuments({ saleId: id, status: { $in: ["hold", "booked"] } });
    expect(holds).toBe(ledger.taken);
  });

  it("a late publish of an older version of the sale sets neither the stock nor the status back", async () => {
    // Two edits: the first wrote MongoDB, then the second moved the stock; only now does the
    // first edit's publish (with the old values) reach Redis.
    const id = await liveSale(10);
    const stale = (await Sale.findById(id).lean())!;
    expect((await setStock(id, 6)).status).toBe(200);
    await publishSaleState(stale);
    expect(await stockLedger(id)).toEqual({ mongoStock: 6, redisStock: 6, taken: 0, available: 6 });
    // The next edit, made from what MongoDB says, is not refused as "changed meanwhile".
    expect((await setStock(id, 8)).status).toBe(200);
    expect(await stockLedger(id)).toEqual({ mongoStock: 8, redisStock: 8, taken: 0, available: 8 });
    expect(await redis().hget(saleKeys(id).meta, "status")).toBe("live");
  });

  it("a late publish of an older version does not set other settings back either", async () => {
    const id = await liveSale(10);
    const stale = (await Sale.findById(id).lean())!;
    await new Promise((resolve) => setTimeout(resolve, 5)); // the edit below is a later version
    expect((await editSale(id, { holdSeconds: 120 })).status).toBe(200);
    await publishSaleState(stale);
    expect(await redis().hget(saleKeys(id).meta, "holdMs")).toBe("120000");
  });

  it("added items go to the waitlist first, with a hold that will expire", async () => {
    const id = await liveSale(1, 5);
    const [holder, waiting] = userIds("stock-wait", 2);
    await admitAndServe(id, [holder!, waiting!]);
    expect((await userStates(id)).get(waiting!)!.status).toBe("waitlisted");

    expect((await setStock(id, 3)).status).toBe(200);
    const promoted = (await userStates(id)).get(waiting!)!;
    expect(promoted.status).toBe("hold");
    expect(await stockLedger(id)).toEqual({ mongoStock: 3, redisStock: 3, taken: 2, available: 1 });
    expect(await redis().zcard(saleKeys(id).waitlist)).toBe(0);
    // MongoDB follows through the sale's one writer, the outbox drainer (no worker runs here).
    await drainOutboxNow(id);
    expect((await Booking.findById(promoted.bookingId).lean())!.status).toBe("hold");
    expect(await bullQueue(HOLD_EXPIRY_QUEUE).getJob(promoted.bookingId)).toBeTruthy();
  });
});

describe("the sold-out status", () => {
  it("edits of different fields racing each other and the confirm that takes the last item are all kept, and MongoDB says sold out", async () => {
    // On FerretDB 1.x an update rewrites the whole document: when the web's confirm wrote the
    // status beside a marketer's edit (or two edits wrote at once), one undid the other. Each round
    // races them on a fresh sale.
    const rounds = 20;
    for (let round = 0; round < rounds; round += 1) {
      const id = await liveSale(1);
      const [last] = await admitAndServe(id, userIds("last-item", 1));
      const edits = { name: `Round ${round}`, description: `Edited in round ${round}`, price: 10 + round };
      await Promise.all([
        ...Object.entries(edits).map(([field, value]) => editUntilAccepted(id, { [field]: value })),
        (async () => {
          await confirmHold(last!.bookingId, last!.userId, holdEffects);
          // MongoDB follows through the sale's one writer, the outbox drainer (no worker runs here).
          await drainOutboxNow(id);
        })(),
      ]);
      await drainOutboxNow(id);
      const sale = (await Sale.findById(id).lean())!;
      expect({ round, name: sale.name, description: sale.description, price: sale.price, status: sale.status }).toEqual({ round, ...edits, status: "sold_out" });
      expect((await readSaleStats(id)).status).toBe("sold_out");
    }
  });
});
