import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import type { NextRequest } from "next/server";
import * as salesRoute from "@/app/api/admin/sales/route";
import * as saleRoute from "@/app/api/admin/sales/[id]/route";
import * as launchRoute from "@/app/api/admin/sales/[id]/launch/route";
import * as pauseRoute from "@/app/api/admin/sales/[id]/pause/route";
import * as resumeRoute from "@/app/api/admin/sales/[id]/resume/route";
import * as endRoute from "@/app/api/admin/sales/[id]/end/route";
import * as scheduleRoute from "@/app/api/admin/sales/[id]/schedule/route";
import * as statsRoute from "@/app/api/admin/sales/[id]/stats/route";
import * as streamRoute from "@/app/api/admin/sales/[id]/stats/stream/route";
import * as bookingsRoute from "@/app/api/admin/sales/[id]/bookings/route";
import * as csvRoute from "@/app/api/admin/sales/[id]/bookings.csv/route";
import * as flaggedRoute from "@/app/api/admin/sales/[id]/flagged/route";
import * as auditRoute from "@/app/api/admin/audit/route";
import * as blocksRoute from "@/app/api/admin/blocks/route";
import { connectMongo } from "@/lib/db/connect";
import { AuditEvent } from "@/lib/db/models/audit-event";
import { Sale } from "@/lib/db/models/sale";
import { redis } from "@/lib/redis/client";
import { BLOCKED_IPS_KEY } from "@/lib/redis/keys";
import { launchSale } from "@/lib/domain/sales/launch-sale";
import { pauseSale } from "@/lib/domain/sales/pause-sale";
import { saleEffects } from "@/lib/messaging/sale-schedule";
import { sessionCookie } from "./support/harness";
import { callRaw, draftSale, MARKETER, readStreamUntil } from "./admin-support";

type Handler = (request: NextRequest, context: { params: Promise<{ id: string }> }) => Promise<Response>;
type Role = "marketer" | "admin";

/** One admin API: how to prepare a sale for it, and what a staff call must get back. */
type ApiCase = {
  name: string;
  handler: Handler;
  method: string;
  /** Makes a sale in the state the call needs (a fresh one per call, since verbs change it). */
  prepare?: () => Promise<string>;
  path: (id: string) => string;
  body?: (role: Role) => unknown;
  allowedStatus: number;
  /** Streams are read up to their first event and then dropped. */
  stream?: boolean;
};

const BLOCKED_IP = "203.0.113.77";
const RUN = randomUUID().slice(0, 8);
const live = async () => {
  const id = await draftSale({ startsAt: new Date(Date.now() - 60_000).toISOString() });
  await launchSale(id, MARKETER, saleEffects);
  return id;
};
const paused = async () => {
  const id = await live();
  await pauseSale(id, MARKETER);
  return id;
};
const future = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

const CASES: ApiCase[] = [
  { name: "GET /api/admin/sales", handler: salesRoute.GET, method: "GET", path: () => "/api/admin/sales", allowedStatus: 200 },
  {
    name: "POST /api/admin/sales",
    handler: salesRoute.POST,
    method: "POST",
    path: () => "/api/admin/sales",
    body: (role) => ({ name: `Created by ${role} ${RUN}`, description: "", image: "", price: 5, currency: "EUR", stock: 3, startsAt: future(60), endsAt: future(120), holdSeconds: 60, waitlistMax: 5 }),
    allowedStatus: 201,
  },
  { name: "GET /api/admin/sales/:id", handler: saleRoute.GET, method: "GET", prepare: draftSale, path: (id) => `/api/admin/sales/${id}`, allowedStatus: 200 },
  { name: "PATCH /api/admin/sales/:id", handler: saleRoute.PATCH, method: "PATCH", prepare: draftSale, path: (id) => `/api/admin/sales/${id}`, body: (role) => ({ name: `Renamed by ${role}`, stock: 7 }), allowedStatus: 200 },
  { name: "POST /api/admin/sales/:id/launch", handler: launchRoute.POST, method: "POST", prepare: draftSale, path: (id) => `/api/admin/sales/${id}/launch`, allowedStatus: 200 },
  { name: "POST /api/admin/sales/:id/pause", handler: pauseRoute.POST, method: "POST", prepare: live, path: (id) => `/api/admin/sales/${id}/pause`, allowedStatus: 200 },
  { name: "POST /api/admin/sales/:id/resume", handler: resumeRoute.POST, method: "POST", prepare: paused, path: (id) => `/api/admin/sales/${id}/resume`, allowedStatus: 200 },
  { name: "POST /api/admin/sales/:id/end", handler: endRoute.POST, method: "POST", prepare: live, path: (id) => `/api/admin/sales/${id}/end`, allowedStatus: 200 },
  {
    name: "POST /api/admin/sales/:id/schedule",
    handler: scheduleRoute.POST,
    method: "POST",
    prepare: draftSale,
    path: (id) => `/api/admin/sales/${id}/schedule`,
    body: () => ({ startsAt: future(30), endsAt: future(90) }),
    allowedStatus: 200,
  },
  { name: "GET /api/admin/sales/:id/stats", handler: statsRoute.GET, method: "GET", prepare: live, path: (id) => `/api/admin/sales/${id}/stats`, allowedStatus: 200 },
  { name: "GET /api/admin/sales/:id/stats/stream", handler: streamRoute.GET, method: "GET", prepare: live, path: (id) => `/api/admin/sales/${id}/stats/stream`, allowedStatus: 200, stream: true },
  { name: "GET /api/admin/sales/:id/bookings", handler: bookingsRoute.GET, method: "GET", prepare: live, path: (id) => `/api/admin/sales/${id}/bookings?status=hold&page=1`, allowedStatus: 200 },
  { name: "GET /api/admin/sales/:id/bookings.csv", handler: csvRoute.GET, method: "GET", prepare: live, path: (id) => `/api/admin/sales/${id}/bookings.csv`, allowedStatus: 200, stream: true },
  { name: "GET /api/admin/sales/:id/flagged", handler: flaggedRoute.GET, method: "GET", prepare: live, path: (id) => `/api/admin/sales/${id}/flagged`, allowedStatus: 200 },
  { name: "GET /api/admin/audit", handler: auditRoute.GET, method: "GET", path: () => "/api/admin/audit?page=1", allowedStatus: 200 },
  { name: "GET /api/admin/blocks", handler: blocksRoute.GET, method: "GET", path: () => "/api/admin/blocks", allowedStatus: 200 },
  { name: "POST /api/admin/blocks", handler: blocksRoute.POST, method: "POST", path: () => "/api/admin/blocks", body: () => ({ kind: "ip", value: BLOCKED_IP }), allowedStatus: 200 },
  { name: "DELETE /api/admin/blocks", handler: blocksRoute.DELETE, method: "DELETE", path: () => "/api/admin/blocks", body: () => ({ kind: "ip", value: BLOCKED_IP }), allowedStatus: 200 },
];

async function call(apiCase: ApiCase, id: string, cookie: string | null, role: Role = "marketer") {
  const { response, abort } = await callRaw(apiCase.handler, apiCase.path(id), { id }, { method: apiCase.method, cookie, body: apiCase.body?.(role) });
  if (apiCase.stream && response.ok && response.body) {
    const text = await readStreamUntil(response.body, (soFar) => soFar.includes("\n\n") && soFar.length > 20);
    abort();
    return { status: response.status, body: null, text, headers: response.headers };
  }
  const text = await response.text();
  abort();
  return { status: response.status, body: text ? JSON.parse(text) : null, text, headers: response.headers };
}

/** What a refused call must leave untouched: the sale, the blocks and this file's audit events. */
async function stateOf(id: string) {
  await connectMongo();
  const sale = id ? await Sale.findById(id).lean() : null;
  const audits = await AuditEvent.countDocuments({
    $or: [...(id ? [{ saleId: id }] : []), { "data.value": BLOCKED_IP }, { "data.name": { $regex: RUN } }],
  });
  return { status: sale?.status ?? null, name: sale?.name ?? null, stock: sale?.stock ?? null, audits, blocked: await redis().sismember(BLOCKED_IPS_KEY, BLOCKED_IP) };
}

afterAll(async () => {
  await redis().srem(BLOCKED_IPS_KEY, BLOCKED_IP);
});

describe("admin API authorization", () => {
  describe.each(CASES)("$name", (apiCase) => {
    it("answers 401 to an anonymous caller and changes nothing", async () => {
      const id = apiCase.prepare ? await apiCase.prepare() : "";
      const before = await stateOf(id);
      const answer = await call(apiCase, id, null);
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual({ error: { code: "unauthenticated", message: expect.any(String) } });
      expect(await stateOf(id)).toEqual(before);
    });

    it("answers 403 to a shopper and changes nothing", async () => {
      const id = apiCase.prepare ? await apiCase.prepare() : "";
      const before = await stateOf(id);
      const answer = await call(apiCase, id, await sessionCookie("admin-authz-shopper", "shopper"));
      expect(answer.status).toBe(403);
      expect(answer.body).toEqual({ error: { code: "forbidden", message: expect.any(String) } });
      expect(await stateOf(id)).toEqual(before);
    });

    it.each<Role>(["marketer", "admin"])("serves a %s", async (role) => {
      const id = apiCase.prepare ? await apiCase.prepare() : "";
      const answer = await call(apiCase, id, await sessionCookie(`admin-authz-${role}`, role), role);
      expect(answer.status, answer.text.slice(0, 300)).toBe(apiCase.allowedStatus);
    });
  });
});
