import fs from "node:fs";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import * as uploadRoute from "@/app/api/admin/images/route";
import * as imageRoute from "@/app/api/images/[id]/route";
import { recordAdmissionLatency } from "@/lib/domain/admin/record-admission-latency";
import { readDashboardHistory } from "@/lib/domain/admin/read-dashboard-history";
import { MAX_SAMPLES, recordDashboardSample } from "@/lib/domain/admin/record-dashboard-sample";
import { sampleSaleDashboards } from "@/lib/domain/admin/sample-sale-dashboards";
import { readDashboardSnapshot } from "@/lib/domain/admin/dashboard-snapshot";
import { admitIntent } from "@/lib/domain/admission/admit-intent";
import { serveIntents } from "@/lib/domain/booking/serve-intents";
import { endSale } from "@/lib/domain/sales/end-sale";
import { launchSale } from "@/lib/domain/sales/launch-sale";
import type { BookingRequest } from "@/lib/messaging/booking-request";
import { holdEffects } from "@/lib/messaging/hold-expiry";
import { saleEffects } from "@/lib/messaging/sale-schedule";
import { redis } from "@/lib/redis/client";
import { saleKeys } from "@/lib/redis/keys";
import { sessionCookie, userIds, waitFor } from "./support/harness";
import { draftSale, MARKETER } from "./admin-support";

async function liveSale(stock: number): Promise<string> {
  const id = await draftSale({ stock, startsAt: new Date(Date.now() - 60_000).toISOString() });
  await launchSale(id, MARKETER, saleEffects);
  return id;
}

async function admitAndServe(saleId: string, users: string[]): Promise<void> {
  const requests: BookingRequest[] = [];
  for (const userId of users) await admitIntent({ saleId, userId, ip: "10.77.0.1", userAgent: "vitest" }, async (request) => void requests.push(request));
  await serveIntents(saleId, requests, holdEffects);
}

/** A clock the sampler reads, moved by the test. */
function testClock(start: number) {
  let at = start;
  return { now: () => at, advance: (ms: number) => (at += ms) };
}

describe("the dashboard's history", () => {
  it("keeps one reading per 10 s of every started sale, with every web process's admission latency", async () => {
    const saleId = await liveSale(5);
    const clock = testClock(Math.floor(Date.now() / 10_000) * 10_000);
    const finished = new Set<string>();
    await sampleSaleDashboards(finished, clock.now);

    await admitAndServe(saleId, userIds("history", 2));
    recordAdmissionLatency(saleId, 0.004);
    recordAdmissionLatency(saleId, 0.3);
    await waitFor(async () => Number(await redis().hget(saleKeys(saleId).admissionLatency, "0.5")) === 1, 10_000);
    clock.advance(4_000);
    await sampleSaleDashboards(finished, clock.now); // same 10-s bucket: not stored again
    clock.advance(6_000);
    await sampleSaleDashboards(finished, clock.now);

    const history = await readDashboardHistory(saleId);
    expect(history.map((reading) => reading.at - history[0]!.at)).toEqual([0, 10_000]);
    expect(history.map((reading) => [reading.stats.admitted, reading.stats.served, reading.stats.holds])).toEqual([
      [0, 0, 0],
      [2, 2, 2],
    ]);
    expect(history[1]!.admissionLatency.count).toBe(2);
    expect(history[1]!.admissionLatency.buckets.find((bucket) => bucket.le === 0.005)?.count).toBe(1);
  });

  it("stores a bucket once when two workers sample at the same time", async () => {
    const saleId = await liveSale(3);
    const snapshot = await readDashboardSnapshot(saleId);
    const stored = await Promise.all([recordDashboardSample(saleId, snapshot), recordDashboardSample(saleId, { ...snapshot, at: snapshot.at + 1 })]);
    expect(stored.filter(Boolean)).toHaveLength(1);
    expect(await readDashboardHistory(saleId)).toHaveLength(1);
  });

  it("takes a last reading of an ended sale, then no more, and drops the oldest readings past the cap", async () => {
    const saleId = await liveSale(3);
    await endSale(saleId, MARKETER, saleEffects);
    const clock = testClock(Date.now());
    const finished = new Set<string>();
    await sampleSaleDashboards(finished, clock.now);
    clock.advance(10_000);
    await sampleSaleDashboards(finished, clock.now);
    expect(await readDashboardHistory(saleId)).toHaveLength(1);
    expect(finished.has(saleId)).toBe(true);

    const snapshot = (await readDashboardHistory(saleId))[0]!;
    const start = snapshot.at - (MAX_SAMPLES + 5) * 10_000;
    const pipeline = redis().pipeline();
    for (let index = 0; index < MAX_SAMPLES + 4; index += 1) pipeline.hset(saleKeys(saleId).history, String(start + index * 10_000), JSON.stringify({ ...snapshot, at: start + index * 10_000 }));
    await pipeline.exec();
    await recordDashboardSample(saleId, { ...snapshot, at: snapshot.at + 10_000 });
    const history = await readDashboardHistory(saleId);
    expect(history).toHaveLength(MAX_SAMPLES);
    expect(history.at(-1)!.at).toBe(snapshot.at + 10_000);
  });
});

async function upload(file: Blob, name: string): Promise<{ status: number; body: { image?: { url: string; id: string }; error?: { code: string } } }> {
  const form = new FormData();
  form.set("file", file, name);
  const request = new NextRequest("http://localhost:3000/api/admin/images", {
    method: "POST",
    body: form,
    headers: { cookie: await sessionCookie("image-marketer", "marketer") },
  });
  const response = await uploadRoute.POST(request, { params: Promise.resolve({}) });
  return { status: response.status, body: await response.json() };
}

describe("product pictures in GridFS", () => {
  it("stores an uploaded picture and serves it with its type and a long cache", async () => {
    const bytes = fs.readFileSync("public/images/demo/sneaker.webp");
    const stored = await upload(new Blob([bytes], { type: "image/webp" }), "sneaker.webp");
    expect(stored.status).toBe(201);
    expect(stored.body.image!.url).toMatch(/^\/api\/images\/[0-9a-f]{24}$/);

    const served = await imageRoute.GET(new NextRequest(`http://localhost:3000${stored.body.image!.url}`), { params: Promise.resolve({ id: stored.body.image!.id }) });
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/webp");
    expect(served.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(Buffer.from(await served.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it("refuses what is not a picture, whatever it claims, and pictures over 2 MB", async () => {
    const svg = await upload(new Blob(["<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"], { type: "image/png" }), "x.png");
    expect(svg.status).toBe(415);
    const huge = new Uint8Array(2 * 1024 * 1024 + 1);
    huge.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect((await upload(new Blob([huge], { type: "image/png" }), "huge.png")).status).toBe(413);
    const missing = await imageRoute.GET(new NextRequest("http://localhost:3000/api/images/0123456789abcdef01234567"), { params: Promise.resolve({ id: "0123456789abcdef01234567" }) });
    expect(missing.status).toBe(404);
  });
});
