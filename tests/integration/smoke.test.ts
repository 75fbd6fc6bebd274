import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChildProcess } from "node:child_process";
import { POST as postIntent } from "@/app/api/sales/[saleId]/intents/route";
import { GET as getStatus } from "@/app/api/sales/[saleId]/status/route";
import { PUT as putBooking, DELETE as deleteBooking } from "@/app/api/bookings/[id]/route";
import { callRoute, createLiveSale, purgeBookingQueue, sessionCookie, startWorker, stopWorker, waitFor } from "./support/harness";

let worker: ChildProcess | undefined;
beforeAll(async () => {
  await purgeBookingQueue();
  worker = await startWorker();
});
afterAll(async () => stopWorker(worker));

describe("smoke", () => {
  it("queues, holds, confirms", async () => {
    const { saleId } = await createLiveSale({ stock: 2 });
    const cookie = await sessionCookie("smoke-user-1");
    const admitted = await callRoute(postIntent, `/api/sales/${saleId}/intents`, { saleId }, { method: "POST", cookie });
    expect(admitted.status).toBe(202);
    let status: any;
    await waitFor(async () => {
      status = (await callRoute(getStatus, `/api/sales/${saleId}/status`, { saleId }, { cookie })).body;
      return status.state === "hold";
    }, 20_000);
    const confirm = await callRoute(putBooking, `/api/bookings/${status.bookingId}`, { id: status.bookingId }, { method: "PUT", cookie, body: { status: "booked" } });
    expect(confirm.status).toBe(200);
    expect(confirm.body.booking.status).toBe("booked");
    const cancel = await callRoute(deleteBooking, `/api/bookings/${status.bookingId}`, { id: status.bookingId }, { method: "DELETE", cookie, body: { status: "deleted" } });
    expect(cancel.status).toBe(409);
  });
});
