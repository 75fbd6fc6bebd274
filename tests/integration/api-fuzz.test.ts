// Property-based fuzzing of every API route over HTTP, against the served app and the real
// services: hostile ids, queries, headers, methods and bodies never get a 5xx, every error is
// JSON `{error: {code, message}}`, and nothing a shopper or a marketer cares about changes.
//   FUZZ_SEED=<seed> replays a failed run; FUZZ_RUNS sets the number of requests (default 2,000).
import type { ChildProcess } from "node:child_process";
import fc from "fast-check";
import mongoose from "mongoose";
import { afterAll, beforeAll, expect, it } from "vitest";
import { AuditEvent } from "@/lib/db/models/audit-event";
import { Booking } from "@/lib/db/models/booking";
import { Sale } from "@/lib/db/models/sale";
import { User } from "@/lib/db/models/user";
import { readSaleStats } from "@/lib/domain/inventory/read-sale-stats";
import { API_ROUTES, HTTP_METHODS } from "@/lib/http/api-routes";
import { redis } from "@/lib/redis/client";
import { BLOCKED_IPS_KEY, BLOCKED_USERS_KEY, saleKeys } from "@/lib/redis/keys";
import { createLiveSale, postIntentAs, purgeBookingQueue, sessionCookie, startWorker, stopWorker, userIds } from "./support/harness";
import { mongoBookings, waitUntilDrained } from "./support/sale-checks";
import { sendRaw, startServedApp, type RawAnswer, type RawRequest, type ServedApp } from "./support/served-app";

const RUNS = Number(process.env.FUZZ_RUNS) || 2_000;
const SEED = Number(process.env.FUZZ_SEED) || Date.now() % 2 ** 31;

let app: ServedApp;
let worker: ChildProcess | undefined;
let liveSaleId: string;
let draftSaleId: string;
let bookingId: string;
const sessions: Record<string, string> = {};

beforeAll(async () => {
  app = await startServedApp();
  await purgeBookingQueue();
  worker = await startWorker();
  ({ saleId: liveSaleId } = await createLiveSale({ stock: 3 }));
  ({ saleId: draftSaleId } = await createLiveSale({ status: "draft", startsAt: new Date(Date.now() + 3_600_000), endsAt: new Date(Date.now() + 7_200_000) }));
  const [owner, shopper] = userIds("fuzz", 2) as [string, string];
  bookingId = (await postIntentAs(owner, liveSaleId)).body.bookingId;
  await waitUntilDrained(liveSaleId);
  await mongoBookings(liveSaleId);
  Object.assign(sessions, {
    owner: await sessionCookie(owner),
    shopper: await sessionCookie(shopper),
    marketer: await sessionCookie(`marketer-${new mongoose.Types.ObjectId()}`, "marketer"),
    forged: "next-auth.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..forged",
  });
}, 15 * 60_000);
afterAll(async () => {
  await stopWorker(worker);
  await app?.stop();
});

/** What the fuzzing must not change: sales, their stock and users' states in Redis, bookings, blocks, the audit trail. */
async function snapshot() {
  const sales = await Sale.find().sort({ _id: 1 }).lean();
  const redisState = await Promise.all(
    sales.map(async (sale) => ({
      stats: { ...(await readSaleStats(String(sale._id))), drainRatePerSec: 0 },
      users: await redis().hgetall(saleKeys(String(sale._id)).users),
    })),
  );
  return {
    sales,
    redisState,
    bookings: await Booking.find().sort({ _id: 1 }).lean(),
    users: await User.find({}, { email: 1, blocked: 1 }).sort({ _id: 1 }).lean(),
    blocked: [await redis().smembers(BLOCKED_USERS_KEY), await redis().smembers(BLOCKED_IPS_KEY)],
    auditEvents: await AuditEvent.countDocuments(),
  };
}

// ---- generators ----

const ascii = (maxLength: number) => fc.string({ unit: "grapheme-ascii", maxLength });
/** Strings no field accepts: NUL bytes, lone surrogates, more than 16 KB. */
const hostileText = fc.oneof(
  ascii(20).map((text) => `${text}\u0000`),
  fc.constantFrom("\u0000", "a\u0000b", "\ud800", "x\udc00y", "\udbff"),
  fc.constant("x".repeat(17 * 1024)),
);
/** A value no field accepts: text as above, wrong types, numbers out of every range. */
const hostileValue = fc.oneof(hostileText, fc.constantFrom(null, true, -1, 1e308, -0.001, [], {}, [1, "a"], { $gt: "" }, { $where: "1" }));
const hostileDate = fc.oneof(hostileValue, fc.constantFrom("yesterday", "2026-13-45T00:00:00Z", "nope", "2026-02-30T25:61:00Z", "0000-00-00T00:00:00Z", ""));

const SALE = { name: "Fuzz", description: "d", image: "", price: 10, currency: "EUR", stock: 5, startsAt: "2031-01-01T00:00:00Z", endsAt: "2031-01-02T00:00:00Z", holdSeconds: 60, waitlistMax: 0 };
/** Valid bodies, per route; the fuzzer replaces at least one field with a hostile value, so none stays valid. */
const TEMPLATES: Record<string, Record<string, unknown>> = {
  "/api/admin/blocks": { kind: "ip", value: "203.0.113.9" },
  "/api/admin/sales": SALE,
  "/api/admin/sales/[id]": { name: "Renamed", stock: 4 },
  "/api/admin/sales/[id]/schedule": { startsAt: SALE.startsAt, endsAt: SALE.endsAt },
  "/api/bookings/[id]": { status: "booked" },
  "/api/sales/[saleId]/intents": { proof: "eyJjaGFsbGVuZ2UiOnt9fQ==" },
  "/api/users": { email: "fuzz@example.com", name: "Fuzz", password: "long-enough-1" },
};

const hostileFor = (field: string) => (field.endsWith("At") ? hostileDate : hostileValue);

function mutatedTemplate(template: Record<string, unknown>) {
  const fields = Object.keys(template);
  return fc
    .constantFrom(...fields)
    .chain((target) => fc.record({ target: fc.constant(target), value: hostileFor(target), kept: fc.subarray(fields), extra: fc.dictionary(ascii(10), fc.jsonValue(), { maxKeys: 2 }) }))
    .map(({ target, value, kept, extra }) => JSON.stringify({ ...extra, ...Object.fromEntries(kept.map((field) => [field, template[field]])), [target]: value }));
}

const body = (route: string) =>
  fc.oneof(
    { weight: 4, arbitrary: TEMPLATES[route] ? mutatedTemplate(TEMPLATES[route]) : fc.constant("") },
    fc.json({ maxDepth: 3 }),
    fc.constantFrom("{", "[", '{"a":', "null", "\u0000", '"\\ud800"', "{}", "[]", '{"__proto__":{"x":1}}', "x".repeat(20_000)),
    ascii(200),
    fc.constant(undefined),
  );

// Next's folder syntax → a path. Real ids only where no body-less request could be valid (launch,
// pause, resume, end and schedule with a real id and no body would change a sale).
const ACTIONS = /\/(launch|pause|resume|end|schedule)$/;
const objectId = fc.string({ unit: fc.constantFrom(..."0123456789abcdef"), minLength: 24, maxLength: 24 });
const fakeId = fc.oneof(
  objectId,
  fc.constantFrom("x", "..", "%2e%2e", "%00", "%zz", "%ff%fe", "%C0%AE", "%ED%A0%80", "%u002e", "null", "[id]", "a".repeat(300), "%20", "0".repeat(24)),
  fc.string({ unit: "binary", maxLength: 30 }).map((text) => {
    try {
      return encodeURIComponent(text) || "x";
    } catch {
      return "%ED%B0%80"; // a lone surrogate has no UTF-8 form: the malformed bytes a client could still send
    }
  }),
);

function segmentValue(route: string, segment: string) {
  if (segment === "[...nextauth]") {
    const action = fc.constantFrom("session", "csrf", "providers", "signin", "signout", "callback", "error", "_log", "verify-request", "constructor", "__proto__");
    return fc.tuple(action, fc.option(fc.oneof(fc.constant("credentials"), fakeId))).map(([first, second]) => (second ? `${first}/${second}` : first));
  }
  if (segment === "[...path]") return fc.array(fakeId, { minLength: 1, maxLength: 4 }).map((parts) => `nope/${parts.join("/")}`);
  if (ACTIONS.test(route)) return fakeId;
  const real = segment === "[id]" && route.startsWith("/api/bookings") ? [bookingId, `${liveSaleId}-00000000-0000-4000-8000-000000000000`] : [liveSaleId, draftSaleId];
  return fc.oneof(fc.constantFrom(...real), fakeId);
}

const pathOf = (route: string) =>
  fc.tuple(...route.split("/").map((segment) => (segment.startsWith("[") ? segmentValue(route, segment) : fc.constant(segment)))).map((parts) => parts.join("/"));

const queryValue = fc.oneof(
  fc.constantFrom("%00", "a%00b", "%zz", "-1", "1e309", "0", "99999999999999999999", "booked", "hold", "x@example.com", "%40", "", "%2Fadmin", "http%3A%2F%2F%5B", "javascript%3Aalert(1)"),
  fc.string({ maxLength: 40 }).map(encodeURIComponent),
  objectId,
);
const query = fc
  .array(fc.tuple(fc.constantFrom("user", "status", "saleId", "action", "page", "pageSize", "ticketFrom", "ticketTo", "callbackUrl", "error", "csrf", "x", "%00"), queryValue), { maxLength: 4 })
  .map((pairs) => (pairs.length ? `?${pairs.map(([key, value]) => `${key}=${value}`).join("&")}` : ""));

const headers = fc.record(
  {
    "content-type": fc.constantFrom("application/json", "application/json; charset=utf-8", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/problem+json", "*/*", "json", ""),
    cookie: fc.constantFrom("owner", "shopper", "marketer", "forged", "garbage").map((name) => sessions[name] ?? "next-auth.session-token=%00%ff; a=b; =;;"),
    "x-forwarded-for": fc.oneof(fc.constantFrom("1.2.3.4", "::1", "999.1.1.1", ", , ,", "unknown"), ascii(80)),
    "x-forwarded-host": ascii(40),
    "user-agent": ascii(600),
    accept: fc.constantFrom("text/event-stream", "application/json", "*/*", "text/html"),
  },
  { requiredKeys: [] },
);

const method = (route: string) => fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...API_ROUTES[route]!) }, fc.constantFrom(...HTTP_METHODS), fc.constantFrom("PROPFIND", "TRACE", "FOO"));

const request: fc.Arbitrary<RawRequest> = fc
  .constantFrom(...Object.keys(API_ROUTES))
  .chain((route) => fc.record({ route: fc.constant(route), path: pathOf(route), query, method: method(route), headers, body: body(route) }))
  // No body with GET and HEAD, nor with FOO: Node's parser refuses that method and closes the
  // connection at once, and a body still arriving then resets it before the answer can be read.
  .map(({ path, query, method, headers, body }) => ({ method, target: `${path}${query}`, headers, body: ["GET", "HEAD", "FOO"].includes(method) ? undefined : body }));

// ---- the property ----

/** What every answer must be: below 500, with a request id and no stack; an error is `{error: {code, message}}` JSON. */
function checkAnswer(raw: RawRequest, answer: RawAnswer): void {
  const what = `${raw.method} ${raw.target} → ${answer.status} ${answer.text.slice(0, 300)}`;
  // Health's 503 reports a dependency slower than its 2 s bound (a loaded machine), not bad input.
  const healthReport = raw.target.startsWith("/api/health") && answer.status === 503;
  if (!healthReport) expect(answer.status, what).toBeLessThan(500);
  expect(answer.headers["x-request-id"], what).toEqual(expect.any(String));
  expect(answer.text, what).not.toMatch(/\n\s+at |node_modules|\.tsx?:\d/);
  if (answer.status >= 400 && raw.method !== "HEAD") {
    expect(answer.headers["content-type"], what).toMatch(/^application\/json/);
    expect(JSON.parse(answer.text), what).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
  }
}

// Requests go in batches sent at once: the answers wait mostly on the services, not the CPU.
const BATCH = 8;

it(`${RUNS} hostile requests across every API route: no 5xx, JSON errors, nothing changed (seed ${SEED})`, async () => {
  const before = await snapshot();
  let sent = 0;
  const property = fc.asyncProperty(fc.array(request, { minLength: BATCH, maxLength: BATCH }), async (batch) => {
    // A kept-alive connection the server closes while a request is still being sent on it (after
    // an early refusal of a body) ends in "socket hang up": that request is retried once, alone.
    const answers = await Promise.all(batch.map((raw) => sendRaw(app, raw).catch(() => sendRaw(app, { ...raw, fresh: true }))));
    sent += batch.length;
    batch.forEach((raw, i) => checkAnswer(raw, answers[i]!));
  });
  try {
    await fc.assert(property, { numRuns: Math.ceil(RUNS / BATCH), seed: SEED, includeErrorInReport: true, endOnFailure: true });
  } catch (error) {
    throw new Error(`API fuzzing failed; replay with FUZZ_SEED=${SEED}\n${(error as Error).message}`);
  }
  expect(sent).toBeGreaterThanOrEqual(RUNS);
  expect(await snapshot()).toEqual(before);
}, 10 * 60_000);
