import type { Worker } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as launchRoute from "@/app/api/admin/sales/[id]/launch/route";
import * as pauseRoute from "@/app/api/admin/sales/[id]/pause/route";
import * as resumeRoute from "@/app/api/admin/sales/[id]/resume/route";
import * as endRoute from "@/app/api/admin/sales/[id]/end/route";
import * as scheduleRoute from "@/app/api/admin/sales/[id]/schedule/route";
import * as saleRoute from "@/app/api/admin/sales/[id]/route";
import { AuditEvent } from "@/lib/db/models/audit-event";
import { Sale } from "@/lib/db/models/sale";
import { redis } from "@/lib/redis/client";
import { saleKeys } from "@/lib/redis/keys";
import { getBookingStatus } from "@/lib/domain/booking/get-booking-status";
import { bullQueue, SALE_SCHEDULE_QUEUE, type SaleScheduleJob } from "@/lib/messaging/queues";
import { saleEffects, saleJobId } from "@/lib/messaging/sale-schedule";
import { startSaleScheduleWorker } from "@/worker/sale-schedule-worker";
import { callRoute, postIntentAs, purgeBookingQueue, sessionCookie, userIds, waitFor } from "./support/harness";
import { draftSale } from "./admin-support";

let worker: Worker<SaleScheduleJob>;
let marketer: string;

beforeAll(async () => {
  await purgeBookingQueue();
  marketer = await sessionCookie("admin-schedule-marketer", "marketer");
  worker = startSaleScheduleWorker();
  await worker.waitUntilReady();
});
afterAll(async () => {
  await worker.close();
  await purgeBookingQueue();
});

const inMs = (ms: number) => new Date(Date.now() + ms).toISOString();
const statusInMongo = async (id: string) => (await Sale.findById(id).lean())?.status;
const statusInRedis = (id: string) => redis().hget(saleKeys(id).meta, "status");
const act = (handler: typeof launchRoute.POST, id: string, verb: string, body?: unknown) =>
  callRoute(handler, `/api/admin/sales/${id}/${verb}`, { id }, { method: "POST", cookie: marketer, body });
const intent = async (saleId: string, userId: string) =>
  postIntentAs(userId, saleId, { ip: "10.77.0.1" });

describe("sale scheduling", () => {
  it("a scheduled sale goes live at its start and ends at its end, flipped by the schedule worker", async () => {
    const id = await draftSale({ stock: 2 });
    const [early, onTime, late] = userIds("sched", 3);
    const scheduled = await act(scheduleRoute.POST, id, "schedule", { startsAt: inMs(1500), endsAt: inMs(4500) });
    expect(scheduled.status).toBe(200);
    expect(scheduled.body.sale.status).toBe("scheduled");
    // Before the start, within the pre-queue window: a place in the pre-queue, no ticket yet.
    const beforeStart = await intent(id, early!);
    expect(beforeStart.status).toBe(202);
    expect(beforeStart.body).toMatchObject({ prequeued: true, ticket: null });

    await waitFor(async () => (await statusInMongo(id)) === "live", 30_000);
    expect(await statusInRedis(id)).toBe("live");
    // The launch draws the pre-queue: the early user gets the first ticket, the next comes after.
    await waitFor(async () => (await getBookingStatus(id, early!)).state !== "prequeued", 30_000);
    const onTimeAnswer = await intent(id, onTime!);
    expect(onTimeAnswer.status).toBe(202);
    expect(onTimeAnswer.body).toMatchObject({ prequeued: false, ticket: 2 });

    await waitFor(async () => (await statusInMongo(id)) === "ended", 30_000);
    expect(await statusInRedis(id)).toBe("ended");
    expect((await intent(id, late!)).status).toBe(410);

    const trail = await AuditEvent.find({ saleId: id }).sort({ at: 1 }).lean();
    expect(trail.map((event) => [event.action, event.actor])).toEqual([
      ["sale.create", "marketer@test.local"],
      ["sale.schedule", "admin-schedule-marketer@test.local"],
      ["sale.launch", "scheduler"],
      ["sale.end", "scheduler"],
    ]);
  });

  it("rescheduling replaces the start job, and the sale starts at the new time", async () => {
    const id = await draftSale();
    const queue = bullQueue<SaleScheduleJob>(SALE_SCHEDULE_QUEUE);
    expect((await act(scheduleRoute.POST, id, "schedule", { startsAt: inMs(600_000), endsAt: inMs(1_200_000) })).status).toBe(200);
    const first = await queue.getJob(saleJobId(id, "start"));
    expect(first).toBeTruthy();
    expect(first!.timestamp + first!.delay).toBeGreaterThan(Date.now() + 500_000);

    const newStart = inMs(1500);
    expect((await callRoute(saleRoute.PATCH, `/api/admin/sales/${id}`, { id }, { method: "PATCH", cookie: marketer, body: { startsAt: newStart } })).status).toBe(200);
    const delayed = (await queue.getDelayed()).filter((job) => job.data.saleId === id && job.data.action === "start");
    expect(delayed).toHaveLength(1);
    expect(delayed[0]!.timestamp + delayed[0]!.delay).toBeLessThan(Date.now() + 60_000);

    await waitFor(async () => (await statusInMongo(id)) === "live", 30_000);
    const sale = await Sale.findById(id).lean();
    expect(sale!.startsAt.toISOString()).toBe(newStart);
  });

  it("a sale whose jobs were lost (Redis restarted) is still started and ended, by the sweep", async () => {
    const id = await draftSale();
    expect((await act(scheduleRoute.POST, id, "schedule", { startsAt: inMs(1000), endsAt: inMs(3000) })).status).toBe(200);
    await saleEffects.cancelSaleJob(id, "start");
    await saleEffects.cancelSaleJob(id, "end");
    expect(await bullQueue(SALE_SCHEDULE_QUEUE).getJob(saleJobId(id, "start"))).toBeUndefined();

    // The sweep ends it; the audit event is appended just after the status is written.
    const lastAction = async () => (await AuditEvent.find({ saleId: id }).sort({ at: 1 }).lean()).map((event) => event.action).at(-1);
    await waitFor(async () => (await statusInMongo(id)) === "ended" && (await lastAction()) === "sale.end", 60_000);
  });

  it("a start time in the past cannot be scheduled: launch it instead", async () => {
    const id = await draftSale();
    const answer = await act(scheduleRoute.POST, id, "schedule", { startsAt: inMs(-60_000), endsAt: inMs(600_000) });
    expect(answer.status).toBe(409);
    expect(answer.body.error.message).toMatch(/start time has passed/);
    expect(await statusInMongo(id)).toBe("draft");
  });
});

describe("launch, pause, resume, end", () => {
  it("pausing answers intents with 423 and resuming lets them in again, in queue order", async () => {
    const id = await draftSale({ stock: 5 });
    const [first, second, third] = userIds("pause", 3);
    expect((await act(launchRoute.POST, id, "launch")).body.sale.status).toBe("live");
    const before = await intent(id, first!);
    expect(before.status).toBe(202);

    expect((await act(pauseRoute.POST, id, "pause")).body.sale.status).toBe("paused");
    const refused = await intent(id, second!);
    expect(refused.status).toBe(423);
    expect(refused.body.error.code).toBe("paused");

    expect((await act(resumeRoute.POST, id, "resume")).body.sale.status).toBe("live");
    const after = await intent(id, third!);
    expect(after.status).toBe(202);
    expect(after.body.ticket).toBe(before.body.ticket + 1);
  });

  it("illegal transitions are refused with 409 and a reason, and change nothing", async () => {
    const id = await draftSale();
    expect((await act(pauseRoute.POST, id, "pause")).body.error.message).toMatch(/draft/);
    expect((await act(launchRoute.POST, id, "launch")).status).toBe(200);
    expect((await act(launchRoute.POST, id, "launch")).body.error.message).toMatch(/already live/);
    expect((await act(resumeRoute.POST, id, "resume")).status).toBe(409);
    expect((await act(endRoute.POST, id, "end")).status).toBe(200);

    for (const [handler, verb] of [[resumeRoute.POST, "resume"], [launchRoute.POST, "launch"], [pauseRoute.POST, "pause"], [endRoute.POST, "end"]] as const) {
      const answer = await act(handler, id, verb);
      expect(answer.status).toBe(409);
      expect(answer.body.error).toEqual({ code: "conflict", message: `You cannot ${verb} this sale: it has ended, and an ended sale cannot be changed.` });
    }
    const edit = await callRoute(saleRoute.PATCH, `/api/admin/sales/${id}`, { id }, { method: "PATCH", cookie: marketer, body: { name: "Too late" } });
    expect(edit.status).toBe(409);
    expect(await statusInMongo(id)).toBe("ended");
    expect(await statusInRedis(id)).toBe("ended");
  });

  it("a sale whose end has passed cannot be launched", async () => {
    const id = await draftSale({ startsAt: inMs(-120_000), endsAt: inMs(-60_000) });
    const answer = await act(launchRoute.POST, id, "launch");
    expect(answer.status).toBe(409);
    expect(answer.body.error.message).toMatch(/end time has passed/);
  });

  it("an invalid edit is a 400 naming the field, and changes nothing", async () => {
    const id = await draftSale();
    const answer = await callRoute(saleRoute.PATCH, `/api/admin/sales/${id}`, { id }, { method: "PATCH", cookie: marketer, body: { stock: 0, price: -1 } });
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toMatch(/^(stock|price): /);
    expect((await Sale.findById(id).lean())!.stock).toBe(5);
  });
});
