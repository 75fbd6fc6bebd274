// The cases issue 11 found over HTTP (each answered 5xx, an empty body, or HTML), against the served app.
import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Sale } from "@/lib/db/models/sale";
import { User } from "@/lib/db/models/user";
import { allowedMethods, API_ROUTES } from "@/lib/http/api-routes";
import { createLiveSale, sessionCookie } from "./support/harness";
import { jsonOf, sendRaw, startServedApp, type RawAnswer, type RawRequest, type ServedApp } from "./support/served-app";

let app: ServedApp;
let saleId: string;
let marketer: string;
let shopper: string;

beforeAll(async () => {
  app = await startServedApp();
  ({ saleId } = await createLiveSale({ stock: 5 }));
  marketer = await sessionCookie(`marketer-${new mongoose.Types.ObjectId()}`, "marketer");
  shopper = await sessionCookie(`shopper-${new mongoose.Types.ObjectId()}`);
}, 15 * 60_000);
afterAll(async () => app?.stop());

const JSON_TYPE = { "content-type": "application/json" };

/** Sends the request and checks what every /api error must be: JSON `{error: {code, message}}`, with a request id, no stack. */
async function refused(raw: RawRequest, status: number, code: string): Promise<RawAnswer> {
  const answer = await sendRaw(app, raw);
  expect({ status: answer.status, type: answer.headers["content-type"] }, `${raw.method ?? "GET"} ${raw.target}: ${answer.text}`).toEqual({
    status,
    type: expect.stringMatching(/^application\/json/),
  });
  expect(jsonOf(answer)).toEqual({ error: { code, message: expect.any(String) } });
  expect(answer.text).not.toMatch(/\n\s+at |node_modules|\.ts:\d/);
  expect(answer.headers["x-request-id"]).toEqual(expect.any(String));
  return answer;
}

/** Any route path with its dynamic segments filled in. */
const samplePath = (route: string) => route.replace("[...nextauth]", "session").replace("[...path]", "nope").replace(/\[[^\]]+\]/g, saleId);

describe("hostile requests get a JSON error with the right status, never a 5xx", () => {
  it.each(["%zz", "%ff%fe", "%", "%C0%AE", "%ED%A0%80", "%u002e%u002e"])("a malformed id %s in the path is a 400, with or without a session", async (id) => {
    for (const cookie of [undefined, shopper]) {
      await refused({ target: `/api/sales/${id}/status`, headers: cookie ? { cookie } : {} }, 400, "bad_request");
      await refused({ method: "PUT", target: `/api/bookings/${id}`, headers: { ...JSON_TYPE, ...(cookie ? { cookie } : {}) }, body: '{"status":"booked"}' }, 400, "bad_request");
    }
  });

  it("a wrong method on any route is a 405 naming the allowed ones in Allow", async () => {
    for (const route of Object.keys(API_ROUTES).filter((route) => route !== "/api/[...path]")) {
      const allowed = allowedMethods(route);
      const wrong = ["PATCH", "PUT", "DELETE", "POST", "GET"].find((method) => !(allowed as string[]).includes(method))!;
      for (const method of [wrong, "PROPFIND"]) {
        const answer = await refused({ method, target: samplePath(route), headers: { cookie: marketer } }, 405, "method_not_allowed");
        expect(answer.headers.allow).toBe(allowed.join(", "));
      }
    }
  });

  it.each([
    ["GET", "/api/nope"],
    ["POST", "/api/admin/sales/x/nope"],
    ["DELETE", "/api/sales/x"],
    ["OPTIONS", "/api/v2/sales"],
    ["HEAD", "/api/nope"],
  ])("an unknown path (%s %s) is a JSON 404", async (method, target) => {
    if (method === "HEAD") {
      const answer = await sendRaw(app, { method, target });
      expect([answer.status, answer.headers["content-type"]]).toEqual([404, expect.stringMatching(/^application\/json/)]);
      return;
    }
    await refused({ method, target }, 404, "not_found");
  });

  it("JSON sent as text/plain (or as a form) is a 415", async () => {
    const body = JSON.stringify({ email: `plain-${Date.now()}@example.com`, name: "Plain", password: "long-enough-1" });
    await refused({ method: "POST", target: "/api/users", headers: { "content-type": "text/plain" }, body }, 415, "unsupported_media_type");
    await refused({ method: "POST", target: "/api/admin/sales", headers: { cookie: marketer, "content-type": "application/x-www-form-urlencoded" }, body: "name=x" }, 415, "unsupported_media_type");
    await refused({ method: "POST", target: "/api/auth/callback/credentials", headers: { "content-type": "text/plain" }, body: "email=a" }, 415, "unsupported_media_type");
  });

  it("a body over 16 KB is a 413, answered without reading the rest of it", async () => {
    const headers = { cookie: marketer, ...JSON_TYPE };
    // Declares 8 MB and sends 1 KB: a server that read the body in full would never answer.
    await refused({ method: "POST", target: "/api/admin/sales", headers: { ...headers, "content-length": String(8 * 1024 * 1024) }, body: " ".repeat(1024), leaveOpen: true }, 413, "payload_too_large");
    // Chunked, no length declared: 64 KB sent, the end never comes.
    await refused({ method: "POST", target: "/api/admin/sales", headers, body: `{"name":"${"x".repeat(64 * 1024)}`, leaveOpen: true }, 413, "payload_too_large");
    await refused({ method: "POST", target: "/api/auth/callback/credentials", headers: { "content-type": "application/x-www-form-urlencoded" }, body: `email=${"x".repeat(20_000)}` }, 413, "payload_too_large");
  });

  const validSale = { name: "Hostile", price: 10, currency: "EUR", stock: 5, startsAt: "2030-01-01T10:00:00Z", endsAt: "2030-01-02T10:00:00Z", holdSeconds: 60, waitlistMax: 0 };

  it.each([{ startsAt: "yesterday" }, { startsAt: "2026-13-45T00:00:00Z" }, { endsAt: "nope" }])("an admin sale create or patch with the invalid date %j is a 400", async (dates) => {
    const sales = await Sale.countDocuments();
    const headers = { cookie: marketer, ...JSON_TYPE };
    const answer = await refused({ method: "POST", target: "/api/admin/sales", headers, body: JSON.stringify({ ...validSale, ...dates }) }, 400, "bad_request");
    expect(jsonOf(answer).error.message).toMatch(/^(startsAt|endsAt): /);
    await refused({ method: "PATCH", target: `/api/admin/sales/${saleId}`, headers, body: JSON.stringify(dates) }, 400, "bad_request");
    expect(await Sale.countDocuments()).toBe(sales);
  });

  it("a NUL byte or a lone surrogate in a sign-up name or a sale name is a 400, and nothing is stored", async () => {
    const email = `nul-${Date.now()}@example.com`;
    for (const name of ["Eve\\u0000", "\\ud800Eve"]) {
      // The escapes stay in the JSON text: the server's JSON.parse makes them a NUL and a lone surrogate.
      const body = `{"email":"${email}","name":"${name}","password":"long-enough-1"}`;
      await refused({ method: "POST", target: "/api/users", headers: JSON_TYPE, body }, 400, "bad_request");
      const headers = { cookie: marketer, ...JSON_TYPE };
      await refused({ method: "POST", target: "/api/admin/sales", headers, body: JSON.stringify(validSale).replace('"Hostile"', `"${name}"`) }, 400, "bad_request");
      await refused({ method: "PATCH", target: `/api/admin/sales/${saleId}`, headers, body: `{"name":"${name}"}` }, 400, "bad_request");
    }
    expect(await User.exists({ email })).toBeNull();
    expect((await Sale.findById(saleId).lean())?.name).toMatch(/^Test sale /);
  });

  it("a NUL byte in a query is a 400: bookings, audit trail, and the CSV export (once 200, then a cut connection)", async () => {
    const headers = { cookie: marketer };
    await refused({ target: `/api/admin/sales/${saleId}/bookings?user=%00`, headers }, 400, "bad_request");
    await refused({ target: "/api/admin/audit?saleId=%00", headers }, 400, "bad_request");
    await refused({ target: `/api/admin/sales/${saleId}/bookings.csv?user=%00`, headers }, 400, "bad_request");
    await refused({ target: `/api/admin/sales/${saleId}/bookings.csv?user=a%00b&status=booked`, headers }, 400, "bad_request");
  });

  it("next-auth: a GET to the credentials callback is a 405, a malformed JSON post to it a 400, its error page never a 500", async () => {
    const get = await refused({ target: "/api/auth/callback/credentials" }, 405, "method_not_allowed");
    expect(get.headers.allow).toBe("POST");
    await refused({ method: "POST", target: "/api/auth/callback/credentials", headers: JSON_TYPE, body: "{" }, 400, "bad_request");
    await refused({ method: "POST", target: "/api/auth/callback/credentials", headers: JSON_TYPE, body: "[1]" }, 400, "bad_request");
    await refused({ target: "/api/auth/no-such-action" }, 404, "not_found");
    await refused({ target: "/api/auth/session?callbackUrl=%3A%2F%2Fnot-a-url" }, 400, "bad_request");
    await refused({ target: "/api/auth/csrf", headers: { cookie: "next-auth.callback-url=javascript%3Aalert(1)" } }, 400, "bad_request");
    const form = { "content-type": "application/x-www-form-urlencoded" };
    for (const raw of [{ target: "/api/auth/error?error=Configuration" }, { target: "/api/auth/error/Configuration" }, { method: "POST", target: "/api/auth/signin/credentials", headers: form, body: "callbackUrl=%3A%2F%2Fx" }]) {
      expect((await sendRaw(app, raw)).status, raw.target).toBeLessThan(500);
    }
  });

  it("a 5xx carries X-Request-Id, and the server logs it once, with that id", async () => {
    // A live sale MongoDB has and Redis lost: Buy answers 503 "being restored", the one 5xx bad input cannot cause.
    const lost = await Sale.create({ ...validSale, startsAt: new Date(Date.now() - 60_000), endsAt: new Date(Date.now() + 3_600_000), status: "live" });
    const answer = await refused({ target: `/api/sales/${lost._id}/challenge`, headers: { cookie: shopper } }, 503, "unavailable");
    const requestId = answer.headers["x-request-id"] as string;
    const lines = app.output().split("\n").filter((line) => line.includes(requestId));
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ requestId, code: "unavailable", service: "web" });
  });
});
