import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DELETE as deleteBooking, PUT as putBooking } from "@/app/api/bookings/[id]/route";
import { Booking } from "@/lib/db/models/booking";
import { parseUserEntry, type UserEntry } from "@/lib/domain/booking/booking-state";
import { expireHold } from "@/lib/domain/holds/expire-hold";
import { readSaleStats } from "@/lib/domain/inventory/read-sale-stats";
import { reconcileSale } from "@/lib/domain/reconcile/reconcile-sale";
import { holdEffects } from "@/lib/messaging/hold-expiry";
import { redis } from "@/lib/redis/client";
import { saleKeys } from "@/lib/redis/keys";
import { callRoute, createLiveSale, postIntentAs, purgeBookingQueue, sessionCookie, startWorker, stopWorker, userIds, waitFor } from "./support/harness";

// MongoDB is the record of truth (Redis is rebuilt from it), so every booking must reach there the
// state Redis decided, whatever the interleaving of shoppers, expiry and promotions: the README's
// "Record of truth" bound. On FerretDB 1.x an update rewrites the whole document, so two writers of
// one booking can undo each other; these rounds make them race.

/**
 * The README's bound: MongoDB agrees with Redis within this long after the last change. The SQLite
 * leg states its own (scripts/lib/test-environments.mts): that backend scans the collection for
 * every query but an `_id` lookup, and its leg runs beside the integration leg.
 */
const CONVERGENCE_BOUND_MS = Number(process.env.CONVERGENCE_BOUND_MS) || 5_000;

let worker: ChildProcess | undefined;
beforeAll(async () => {
  await purgeBookingQueue();
  worker = await startWorker({ SWEEP_INTERVAL_MS: "1000" });
});
afterAll(async () => stopWorker(worker));

type Answer = { userId: string; bookingId: string; action: "cancel" | "confirm"; status: number; booking?: { status: string } };

const cookies = new Map<string, Promise<string>>();
const cookieOf = (userId: string) => cookies.get(userId) ?? cookies.set(userId, sessionCookie(userId)).get(userId)!;

async function act(action: Answer["action"], userId: string, bookingId: string): Promise<Answer> {
  const [handler, method, body] = action === "cancel" ? [deleteBooking, "DELETE", { status: "deleted" }] : [putBooking, "PUT", { status: "booked" }];
  const answer = await callRoute(handler, `/api/bookings/${bookingId}`, { id: bookingId }, { method, cookie: await cookieOf(userId), body });
  return { userId, bookingId, action, status: answer.status, booking: answer.body?.booking };
}

const LIVE: readonly UserEntry["status"][] = ["prequeued", "queued", "hold", "waitlisted"];
const REDIS_ONLY: readonly UserEntry["status"][] = ["prequeued", "queued", "sold_out", "rejected"];

async function entriesOf(saleId: string, users: string[]): Promise<(UserEntry | null)[]> {
  return (await redis().hmget(saleKeys(saleId).users, ...users)).map(parseUserEntry);
}

/**
 * Samples MongoDB's held + booked items of every sale until stopped, and returns the most any sale
 * had in one sample. One query for all sales per sample: FerretDB scans the collection for it.
 */
function sampleMongo(): { stop: () => Promise<Map<string, number>> } {
  let stopped = false;
  const most = new Map<string, number>();
  const loop = (async () => {
    while (!stopped) {
      const taken = new Map<string, number>();
      for (const { saleId } of await Booking.find({ status: { $in: ["hold", "booked"] } }).select({ saleId: 1 }).lean()) {
        taken.set(saleId, (taken.get(saleId) ?? 0) + 1);
      }
      for (const [saleId, count] of taken) most.set(saleId, Math.max(count, most.get(saleId) ?? 0));
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await loop;
      return most;
    },
  };
}

/**
 * Waits until the sale's outbox is empty and each user's booking has in MongoDB the status Redis
 * decided; returns how long that took. Fails past the stated bound.
 */
async function convergence(saleId: string, users: string[], since = Date.now()): Promise<number> {
  const disagreements = async () => {
    const outbox = await redis().hgetall(saleKeys(saleId).dirty);
    if (Object.keys(outbox).length > 0) return { outbox, differ: [] };
    const kept = (await entriesOf(saleId, users)).filter((entry): entry is UserEntry => entry !== null && !REDIS_ONLY.includes(entry.status));
    // One lookup by _id each: FerretDB scans the whole collection for anything else.
    const stored = await Promise.all(kept.map((entry) => Booking.findById(entry.bookingId).read("primary").lean()));
    const differ = kept.flatMap((entry, i) => (stored[i]?.status === entry.status ? [] : [{ redis: entry, mongo: stored[i]?.status ?? null }]));
    return { outbox, differ };
  };
  try {
    await waitFor(async () => {
      const { outbox, differ } = await disagreements();
      return Object.keys(outbox).length === 0 && differ.length === 0;
    }, Math.max(0, since + CONVERGENCE_BOUND_MS - Date.now()), 100);
  } catch {
    throw new Error(`MongoDB did not agree with Redis within ${CONVERGENCE_BOUND_MS} ms: ${JSON.stringify(await disagreements())}`);
  }
  return Date.now() - since;
}

/** Admits the users at once, each from an IP of its own. */
function admitAll(saleId: string, users: string[], ipBase: string): Promise<unknown> {
  return Promise.all(
    users.map(async (userId, i) => {
      const answer = await postIntentAs(userId, saleId, { ip: `${ipBase}.${i + 1}` });
      expect(answer.status, JSON.stringify(answer.body)).toBe(202);
    }),
  );
}

/**
 * Lets each user act the moment the item reaches them (a hold), without waiting for anyone's
 * answer, until nobody is left live. Returns every answer.
 */
async function actOnArrival(saleId: string, users: string[], onHold: (userId: string, entry: UserEntry) => Promise<Answer> | null): Promise<Answer[]> {
  const answers: Promise<Answer>[] = [];
  const acted = new Set<string>();
  const settled = async () => {
      const entries = await entriesOf(saleId, users);
      entries.forEach((entry, i) => {
        const userId = users[i]!;
        if (entry?.status !== "hold" || acted.has(entry.bookingId)) return;
        acted.add(entry.bookingId);
        const answer = onHold(userId, entry);
        if (answer) answers.push(answer);
      });
      return entries.every((entry) => entry && !LIVE.includes(entry.status));
  };
  await waitFor(settled, 120_000, 5).catch(async () => {
    throw new Error(`the round did not end: ${JSON.stringify(await entriesOf(saleId, users))}`);
  });
  return Promise.all(answers);
}

/** A round: the users arrive at once and act on arrival while they are being served. */
async function playRound(saleId: string, users: string[], ipBase: string, onHold: Parameters<typeof actOnArrival>[2]): Promise<Answer[]> {
  const admitted = admitAll(saleId, users, ipBase);
  const answers = await actOnArrival(saleId, users, onHold);
  await admitted;
  return answers;
}

describe("record of truth: MongoDB converges to what Redis decided", () => {
  it("hot potato: 200 rounds of 11 shoppers cancelling the moment the item reaches them", async () => {
    const lanes = 10;
    const roundsPerLane = 20;
    const shoppers = 11;
    const played: { saleId: string; users: string[] }[] = [];
    const sales: string[] = [];
    let lastActionAt = 0;
    const sampler = sampleMongo();
    await Promise.all(
      Array.from({ length: lanes }, async (_, lane) => {
        const { saleId } = await createLiveSale({ stock: 1, waitlistMax: 50 });
        sales.push(saleId);
        for (let round = 0; round < roundsPerLane; round += 1) {
            const users = userIds(`potato-${lane}-${round}`, shoppers);
            const answers = await playRound(saleId, users, `10.60.${lane * 20 + round}`, (userId, entry) => act("cancel", userId, entry.bookingId));
            lastActionAt = Math.max(lastActionAt, Date.now());
            // Every shopper held the item once and cancelled it: each DELETE answers 200 cancelled.
            expect(answers.map((a) => [a.status, a.booking?.status])).toEqual(users.map(() => [200, "cancelled"]));
            expect((await entriesOf(saleId, users)).map((entry) => entry?.status)).toEqual(users.map(() => "cancelled"));
            played.push({ saleId, users });
        }
        const stats = await readSaleStats(saleId);
        expect([stats.available, stats.holds, stats.booked]).toEqual([1, 0, 0]);
      }),
    );
    expect(played).toHaveLength(lanes * roundsPerLane);
    // Within the bound after the last DELETE, MongoDB has every booking of every round as Redis does.
    for (const { saleId, users } of played) await convergence(saleId, users, lastActionAt);
    // MongoDB never showed more items taken than the stock (1), in any sample during the rounds.
    const most = await sampler.stop();
    for (const saleId of sales) expect(most.get(saleId) ?? 0).toBeLessThanOrEqual(1);
  }, 600_000); // 2,200 intents and 2,200 DELETEs on two shared cores: a bound against a hang only

  it("mixed rounds: confirms, cancels and expiry race the promotions; then a rebuild from MongoDB keeps every user's state", async () => {
    const lanes = 3;
    const roundsPerLane = 6;
    const stock = 2;
    const shoppers = 8;
    const sales: { saleId: string; users: string[] }[] = [];
    const sampler = sampleMongo();
    await Promise.all(
      Array.from({ length: lanes }, async (_, lane) => {
        for (let round = 0; round < roundsPerLane; round += 1) {
          const { saleId } = await createLiveSale({ stock, waitlistMax: 50 });
          // One-second holds, so expiry (the worker's jobs and sweeper) keeps racing the shoppers.
          await redis().hset(saleKeys(saleId).meta, "holdMs", 1000);
          const users = userIds(`mixed-${lane}-${round}`, shoppers);
          const answers = await playRound(saleId, users, `10.61.${lane * 25 + round}`, (userId, entry) => {
            switch (users.indexOf(userId) % 4) {
              case 0:
                return act("cancel", userId, entry.bookingId);
              case 1:
                return act("confirm", userId, entry.bookingId);
              case 2:
                // A confirm at the very moment of expiry, racing the expiry itself.
                return new Promise((resolve) => setTimeout(resolve, Math.max(0, entry.expiresAt - Date.now())))
                  .then(() => Promise.all([act("confirm", userId, entry.bookingId), expireHold(saleId, entry.bookingId, holdEffects)]))
                  .then(([answer]) => answer);
              default:
                return null; // lets the hold run out
            }
          });
          const finals = new Map((await entriesOf(saleId, users)).map((entry, i) => [users[i]!, entry!]));
          for (const answer of answers) {
            const final = finals.get(answer.userId)!.status;
            // The answer is Redis's decision: 200 with the final state, or 410 when the hold expired.
            if (answer.status === 200) expect(answer.booking?.status).toBe(final);
            else expect([answer.status, final]).toEqual([410, "expired"]);
          }
          await convergence(saleId, users);
          sales.push({ saleId, users });
        }
      }),
    );

    // Redis loses each sale; the rebuild from MongoDB gives every user back the live state they had.
    const most = await sampler.stop();
    for (const { saleId } of sales) expect(most.get(saleId) ?? 0).toBeLessThanOrEqual(stock);

    for (const { saleId, users } of sales) {
      const before = await entriesOf(saleId, users);
      const keys = saleKeys(saleId);
      await redis().del(keys.meta, keys.inventory, keys.users, keys.holds, keys.waitlist, keys.stats, keys.dirty);
      expect((await reconcileSale(saleId, holdEffects)).rebuilt).toBe(true);
      const after = await entriesOf(saleId, users);
      before.forEach((entry, i) => {
        if (entry?.status === "booked") expect(after[i]).toMatchObject({ status: "booked", bookingId: entry.bookingId });
        else expect(after[i]).toBeNull(); // ended attempts are not live: Buy may be pressed again
      });
      const stats = await readSaleStats(saleId);
      expect(stats.holds + stats.booked).toBeLessThanOrEqual(stock);
      expect(stats.available + stats.holds + stats.booked).toBe(stock);
      expect(stats.booked).toBe(before.filter((entry) => entry?.status === "booked").length);
    }
  }, 180_000);

  it("a rebuild right after hot-potato rounds gives back every hold, waitlist place and booking", async () => {
    const stock = 2;
    const { saleId } = await createLiveSale({ stock, waitlistMax: 50 });
    for (let round = 0; round < 5; round += 1) {
      const users = userIds(`rebuild-${round}`, 8);
      await playRound(saleId, users, `10.62.${round}`, (userId, entry) => act("cancel", userId, entry.bookingId));
    }
    // The last shoppers keep what they got: one confirms, one holds, the rest wait.
    const users = userIds("rebuild-last", 6);
    for (const [i, userId] of users.entries()) expect((await postIntentAs(userId, saleId, { ip: `10.62.9.${i + 1}` })).status).toBe(202);
    await waitFor(async () => (await entriesOf(saleId, users)).every((entry) => entry?.status === "hold" || entry?.status === "waitlisted"), 30_000);
    const holder = (await entriesOf(saleId, users))[0]!;
    expect((await act("confirm", users[0]!, holder.bookingId)).status).toBe(200);
    await convergence(saleId, users);

    const before = await entriesOf(saleId, users);
    expect(before.map((entry) => entry?.status)).toEqual(["booked", "hold", "waitlisted", "waitlisted", "waitlisted", "waitlisted"]);
    const keys = saleKeys(saleId);
    const waitlistBefore = await redis().zrange(keys.waitlist, "0", "-1");
    await redis().del(keys.meta, keys.inventory, keys.users, keys.holds, keys.waitlist, keys.stats, keys.dirty);
    expect((await reconcileSale(saleId, holdEffects)).rebuilt).toBe(true);

    const after = await entriesOf(saleId, users);
    before.forEach((entry, i) => expect(after[i]).toMatchObject({ status: entry!.status, bookingId: entry!.bookingId, ticket: entry!.ticket }));
    expect(after[1]!.expiresAt).toBe(before[1]!.expiresAt);
    expect(await redis().zrange(keys.waitlist, "0", "-1")).toEqual(waitlistBefore);
    const stats = await readSaleStats(saleId);
    expect([stats.available, stats.holds, stats.booked, stats.waitlist]).toEqual([0, 1, 1, 4]);
  }, 120_000);

  it("two workers started at the same instant against a live sale leave its state and outbox intact", async () => {
    const stock = 3;
    const { saleId } = await createLiveSale({ stock, waitlistMax: 50 });
    const first = userIds("pair", 8);
    for (const [i, userId] of first.entries()) expect((await postIntentAs(userId, saleId, { ip: `10.63.0.${i + 1}` })).status).toBe(202);
    await waitFor(async () => (await entriesOf(saleId, first)).every((entry) => entry?.status === "hold" || entry?.status === "waitlisted"), 30_000);
    await convergence(saleId, first);

    // No worker: a cancel leaves its outbox records (the cancel and the promotion) pending, and
    // new intents wait in the queue.
    await stopWorker(worker);
    const holder = (await entriesOf(saleId, first))[0]!;
    expect((await act("cancel", first[0]!, holder.bookingId)).booking?.status).toBe("cancelled");
    const pending = await redis().hgetall(saleKeys(saleId).dirty);
    expect(Object.keys(pending)).toHaveLength(2);
    const late = userIds("pair-late", 4);
    for (const [i, userId] of late.entries()) expect((await postIntentAs(userId, saleId, { ip: `10.63.1.${i + 1}` })).status).toBe(202);
    const before = await entriesOf(saleId, first);

    // Both start at once (each rebuilds missing sales and drains outboxes as it starts).
    const pair = await Promise.all([startWorker({ SWEEP_INTERVAL_MS: "1000" }), startWorker({ SWEEP_INTERVAL_MS: "1000" })]);
    try {
      await waitFor(async () => (await entriesOf(saleId, late)).every((entry) => entry?.status === "waitlisted"), 30_000);
      expect(await entriesOf(saleId, first)).toEqual(before);
      await convergence(saleId, [...first, ...late]);
      const stats = await readSaleStats(saleId);
      expect([stats.available, stats.holds, stats.waitlist]).toEqual([0, stock, 8]);

      // With both running, every holder cancels on arrival: MongoDB still follows, one writer at a time.
      const everyone = [...first, ...late];
      const answers = await actOnArrival(saleId, everyone, (userId, entry) => act("cancel", userId, entry.bookingId));
      expect(answers.every((answer) => answer.status === 200 && answer.booking?.status === "cancelled")).toBe(true);
      await convergence(saleId, everyone);
      expect(await Booking.countDocuments({ saleId, status: { $in: ["hold", "booked", "waitlisted"] } })).toBe(0);
    } finally {
      await Promise.all(pair.map((child) => stopWorker(child)));
    }
  }, 120_000);
});
