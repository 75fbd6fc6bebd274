import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as bookingsRoute from "@/app/api/admin/sales/[id]/bookings/route";
import * as csvRoute from "@/app/api/admin/sales/[id]/bookings.csv/route";
import * as flaggedRoute from "@/app/api/admin/sales/[id]/flagged/route";
import * as blocksRoute from "@/app/api/admin/blocks/route";
import * as auditRoute from "@/app/api/admin/audit/route";
import { admitIntent } from "@/lib/domain/admission/admit-intent";
import { serveIntents } from "@/lib/domain/booking/serve-intents";
import { confirmHold } from "@/lib/domain/holds/confirm-hold";
import { launchSale } from "@/lib/domain/sales/launch-sale";
import { registerUser } from "@/lib/domain/users/register-user";
import type { BookingRequest } from "@/lib/messaging/booking-request";
import { holdEffects } from "@/lib/messaging/hold-expiry";
import { saleEffects } from "@/lib/messaging/sale-schedule";
import { redis } from "@/lib/redis/client";
import { BLOCKED_IPS_KEY, BLOCKED_USERS_KEY } from "@/lib/redis/keys";
import { callRoute, postIntentAs, purgeBookingQueue, sessionCookie } from "./support/harness";
import { drainOutboxNow } from "@/lib/domain/booking/drain-outbox";
import { callRaw, draftSale, MARKETER, readStreamUntil } from "./admin-support";

const SHARED_IP = "192.0.2.10";
let saleId: string;
let marketer: string;
let users: { id: string; email: string }[];
let requests: BookingRequest[];

// Five shoppers: three share one IP (one with a scripted agent), the first one buys.
beforeAll(async () => {
  await purgeBookingQueue();
  marketer = await sessionCookie("admin-bookings-marketer", "marketer");
  saleId = await draftSale({ name: "Export, test", stock: 5, startsAt: new Date(Date.now() - 60_000).toISOString() });
  await launchSale(saleId, MARKETER, saleEffects);
  const stamp = Date.now();
  users = [];
  for (let i = 0; i < 5; i++) {
    const email = `export-${stamp}-${i}@test.local`;
    users.push({ id: (await registerUser({ email, name: `Export ${i}`, password: "password-123" })).id, email });
  }
  requests = [];
  for (const [i, user] of users.entries()) {
    const ip = i < 3 ? SHARED_IP : `198.51.100.${i}`;
    const userAgent = i === 2 ? "curl/8.5.0" : "Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0";
    await admitIntent({ saleId, userId: user.id, ip, userAgent }, async (request) => {
      requests.push(request);
    });
  }
  await serveIntents(saleId, requests, holdEffects);
  await confirmHold(requests[0]!.bookingId, users[0]!.id, holdEffects);
  // MongoDB follows through the sale's one writer, the outbox drainer (no worker runs here).
  await drainOutboxNow(saleId);
});

afterAll(async () => {
  await redis().srem(BLOCKED_IPS_KEY, SHARED_IP);
  await redis().srem(BLOCKED_USERS_KEY, users[2]!.id);
  await purgeBookingQueue();
});

const bookings = (query: string) => callRoute(bookingsRoute.GET, `/api/admin/sales/${saleId}/bookings${query}`, { id: saleId }, { cookie: marketer });

describe("the bookings table", () => {
  it("lists bookings in ticket order with the users' emails, a page at a time", async () => {
    const first = await bookings("?pageSize=2");
    expect(first.status).toBe(200);
    expect(first.body.total).toBe(5);
    expect(first.body.bookings.map((b: { ticket: number }) => b.ticket)).toEqual([1, 2]);
    expect(first.body.bookings[0]).toMatchObject({ email: users[0]!.email, status: "booked", ip: SHARED_IP });
    const third = await bookings("?pageSize=2&page=3");
    expect(third.body.bookings.map((b: { ticket: number }) => b.ticket)).toEqual([5]);
  });

  it("filters by status, by user (email or id) and by ticket range", async () => {
    expect((await bookings("?status=hold")).body.total).toBe(4);
    expect((await bookings("?status=booked")).body.bookings.map((b: { email: string }) => b.email)).toEqual([users[0]!.email]);
    expect((await bookings(`?user=${encodeURIComponent(users[3]!.email)}`)).body.bookings.map((b: { ticket: number }) => b.ticket)).toEqual([4]);
    expect((await bookings(`?user=${users[1]!.id}`)).body.total).toBe(1);
    expect((await bookings("?user=nobody%40test.local")).body.total).toBe(0);
    expect((await bookings("?ticketFrom=2&ticketTo=3")).body.bookings.map((b: { ticket: number }) => b.ticket)).toEqual([2, 3]);
  });

  it("answers 400 for a filter that makes no sense", async () => {
    const answer = await bookings("?ticketFrom=5&ticketTo=2");
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toBe("ticketTo: ticketTo must not be below ticketFrom");
    expect((await bookings("?status=maybe")).status).toBe(400);
  });
});

describe("the CSV export", () => {
  it("streams every matching booking with a header row, as an attachment", async () => {
    const { response } = await callRaw(csvRoute.GET, `/api/admin/sales/${saleId}/bookings.csv?status=hold`, { id: saleId }, { cookie: marketer });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="bookings-export-test-${saleId}.csv"`);
    const lines = (await response.text()).trim().split("\r\n");
    expect(lines[0]).toBe("id,ticket,reference,userId,email,status,admittedAt,holdExpiresAt,confirmedAt,cancelledAt,expiredAt,ip,userAgent");
    expect(lines.slice(1).map((line) => line.split(",")[1])).toEqual(["2", "3", "4", "5"]);
    expect(lines[2]).toContain(`,${users[2]!.email},hold,`);
  });

  it("stops reading the database when the client goes away", async () => {
    const { response, abort } = await callRaw(csvRoute.GET, `/api/admin/sales/${saleId}/bookings.csv`, { id: saleId }, { cookie: marketer });
    const start = await readStreamUntil(response.body!, (text) => text.includes("\r\n"));
    abort();
    expect(start.startsWith("id,ticket,")).toBe(true);
  });
});

describe("flagged clients and blocks", () => {
  it("flags the IP with three accounts and the scripted user agent", async () => {
    const answer = await callRoute(flaggedRoute.GET, `/api/admin/sales/${saleId}/flagged`, { id: saleId }, { cookie: marketer });
    expect(answer.status).toBe(200);
    const byValue = new Map(answer.body.clients.map((client: { value: string }) => [client.value, client]));
    expect(byValue.get(SHARED_IP)).toMatchObject({ kind: "ip", blocked: false, related: users.slice(0, 3).map((user) => user.id) });
    expect(byValue.get(users[2]!.id)).toMatchObject({ kind: "user", label: users[2]!.email, reasons: [{ reason: "scripted_agent", detail: 'user agent "curl/8.5.0"' }] });
  });

  it("a blocked IP or user gets 403 on a new intent; unblocking lets them in; the audit trail has it all", async () => {
    const late = await registerUser({ email: `export-late-${Date.now()}@test.local`, name: "Late", password: "password-123" });
    const intentAs = async (userId: string, ip: string) =>
      postIntentAs(userId, saleId, { ip });

    const block = await callRoute(blocksRoute.POST, "/api/admin/blocks", {}, { method: "POST", cookie: marketer, body: { kind: "ip", value: SHARED_IP } });
    expect(block.body).toEqual({ client: { kind: "ip", value: SHARED_IP, label: SHARED_IP, blocked: true } });
    const refused = await intentAs(late.id, SHARED_IP);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("forbidden");

    const byEmail = await callRoute(blocksRoute.POST, "/api/admin/blocks", {}, { method: "POST", cookie: marketer, body: { kind: "user", value: users[2]!.email } });
    expect(byEmail.body.client).toEqual({ kind: "user", value: users[2]!.id, label: users[2]!.email, blocked: true });
    const list = await callRoute(blocksRoute.GET, "/api/admin/blocks", {}, { cookie: marketer });
    expect(list.body.clients).toEqual(expect.arrayContaining([expect.objectContaining({ kind: "ip", value: SHARED_IP }), expect.objectContaining({ kind: "user", label: users[2]!.email })]));

    await callRoute(blocksRoute.DELETE, "/api/admin/blocks", {}, { method: "DELETE", cookie: marketer, body: { kind: "ip", value: SHARED_IP } });
    expect((await intentAs(late.id, SHARED_IP)).status).toBe(202);

    const trail = await callRoute(auditRoute.GET, "/api/admin/audit?action=client.block", {}, { cookie: marketer });
    expect(trail.body.events.slice(0, 2).map((event: { actor: string; data: { value: string } }) => [event.actor, event.data.value])).toEqual([
      ["admin-bookings-marketer@test.local", users[2]!.id],
      ["admin-bookings-marketer@test.local", SHARED_IP],
    ]);
  });

  it("refuses to block an address that is not an IP, or an unknown user", async () => {
    const badIp = await callRoute(blocksRoute.POST, "/api/admin/blocks", {}, { method: "POST", cookie: marketer, body: { kind: "ip", value: "999.1.1.1" } });
    expect(badIp.status).toBe(400);
    expect(badIp.body.error.message).toBe("value: Enter a valid IPv4 or IPv6 address.");
    const nobody = await callRoute(blocksRoute.POST, "/api/admin/blocks", {}, { method: "POST", cookie: marketer, body: { kind: "user", value: "ghost@test.local" } });
    expect(nobody.status).toBe(404);
  });
});
