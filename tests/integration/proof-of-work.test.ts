import { solveChallenge, type Challenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/sha";
import mongoose from "mongoose";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as getChallenge } from "@/app/api/sales/[saleId]/challenge/route";
import { POST as postIntent } from "@/app/api/sales/[saleId]/intents/route";
import { createProofChallenge, deriveProofSecrets } from "@/lib/domain/admission/proof-of-work";
import { encodeProof } from "@/lib/domain/admission/proof-payload";
import { readSaleStats } from "@/lib/domain/inventory/read-sale-stats";
import { redis } from "@/lib/redis/client";
import { saleKeys } from "@/lib/redis/keys";
import { callRoute, createLiveSale, purgeBookingQueue, queueDepth, sessionCookie, solvedProof, userIds } from "./support/harness";

let saleId: string;
beforeAll(async () => {
  ({ saleId } = await createLiveSale({ stock: 5 }));
});
beforeEach(() => purgeBookingQueue());
afterAll(() => purgeBookingQueue());

const challengeFor = async (userId: string | null, id = saleId) =>
  callRoute(getChallenge, `/api/sales/${id}/challenge`, { saleId: id }, { cookie: userId && (await sessionCookie(userId)) });

const intent = async (userId: string, body: unknown) =>
  callRoute(postIntent, `/api/sales/${saleId}/intents`, { saleId }, { method: "POST", cookie: await sessionCookie(userId), body });

async function solve(challenge: Challenge): Promise<string> {
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) throw new Error("not solved");
  return encodeProof(challenge, solution);
}

/** What an intent could change: the sale's counters, who is in line, the queue of requests. */
async function snapshot() {
  const stats = await readSaleStats(saleId);
  return { stats: { ...stats, drainRatePerSec: 0 }, users: await redis().hgetall(saleKeys(saleId).users), queued: await queueDepth() };
}

describe("GET /api/sales/:saleId/challenge", () => {
  it("gives a signed-in user a signed challenge for this sale, never cached", async () => {
    const [userId] = userIds("pow-get", 1);
    const answer = await challengeFor(userId!);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("cache-control")).toBe("no-store");
    expect(answer.body.signature).toMatch(/^[0-9a-f]{64}$/);
    expect(answer.body.parameters).toMatchObject({ algorithm: "SHA-256", data: { userId, saleId } });
    expect(answer.body.parameters.expiresAt * 1000).toBeGreaterThan(Date.now());
  });

  it("answers 401 without a session and 404 for an unknown sale", async () => {
    expect((await challengeFor(null)).body.error.code).toBe("unauthenticated");
    const unknown = await challengeFor("pow-get-unknown", new mongoose.Types.ObjectId().toString());
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("not_found");
  });

  it("a challenge from the API, solved, lets the user in", async () => {
    const [userId] = userIds("pow-api", 1);
    const { body: challenge } = await challengeFor(userId!);
    const answer = await intent(userId!, { proof: await solve(challenge) });
    expect(answer.status).toBe(202);
    expect(answer.body.ticket).toEqual(expect.any(Number));
  });
});

describe("POST /api/sales/:saleId/intents requires a proof of work", () => {
  it.each([
    ["no body", undefined],
    ["a body without a proof", { hello: "world" }],
    ["a proof that is not a string", { proof: 12345 }],
    ["a proof that is not an altcha payload", { proof: "bm90IGEgcHJvb2Y=" }],
  ])("%s: 400 saying where to get a challenge, and nothing changes", async (_name, body) => {
    const before = await snapshot();
    const answer = await intent(userIds("pow-none", 1)[0]!, body);
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe("bad_request");
    expect(answer.body.error.message).toContain("/api/sales/:saleId/challenge");
    expect(await snapshot()).toEqual(before);
  });

  it("a wrong answer, a challenge rewritten for another user, one signed with another key, or an expired one: 403, and nothing changes", async () => {
    const [userId, other] = userIds("pow-bad", 2) as [string, string];
    const challenge = await createProofChallenge({ userId: other, saleId });
    const solution = (await solveChallenge({ challenge, deriveKey }))!;
    const wrongAnswer = encodeProof(await createProofChallenge({ userId, saleId }), solution);
    const rewritten = encodeProof({ ...challenge, parameters: { ...challenge.parameters, data: { userId, saleId } } }, solution);
    const otherKey = await solve(
      await createProofChallenge({ userId, saleId }, { maxNumber: 10, ttlSeconds: 180, ...deriveProofSecrets("a-key-this-shop-never-used-0123456789") }),
    );
    const expired = await solve(await createProofChallenge({ userId, saleId }, undefined, Date.now() - 10 * 60_000));

    for (const [proof, reason] of [[wrongAnswer, "not valid"], [rewritten, "not valid"], [otherKey, "not valid"], [expired, "expired"]] as const) {
      const before = await snapshot();
      const answer = await intent(userId, { proof });
      expect(answer.status).toBe(403);
      expect(answer.body.error).toEqual({ code: "proof_invalid", message: expect.stringContaining(reason) });
      expect(await snapshot()).toEqual(before);
    }
  });

  it("another user's proof is refused with 403 and does not let them in", async () => {
    const [owner, thief] = userIds("pow-thief", 2) as [string, string];
    const before = await snapshot();
    const answer = await intent(thief, { proof: await solvedProof(owner, saleId) });
    expect(answer.status).toBe(403);
    expect(answer.body.error).toEqual({ code: "proof_invalid", message: expect.stringContaining("another user or sale") });
    expect(await snapshot()).toEqual(before);
  });

  it("a proof for another sale is refused with 403", async () => {
    const [userId] = userIds("pow-sale", 1);
    const { saleId: otherSale } = await createLiveSale();
    const answer = await intent(userId!, { proof: await solvedProof(userId!, otherSale) });
    expect(answer.status).toBe(403);
    expect(answer.body.error.code).toBe("proof_invalid");
  });

  it("a good proof is accepted once: 202, then 403 when it is used again", async () => {
    const [userId] = userIds("pow-good", 1);
    const proof = await solvedProof(userId!, saleId);
    const first = await intent(userId!, { proof });
    expect(first.status).toBe(202);
    const afterFirst = await snapshot();
    const second = await intent(userId!, { proof });
    expect(second.status).toBe(403);
    expect(second.body.error).toEqual({ code: "proof_invalid", message: expect.stringContaining("already used") });
    expect(await snapshot()).toEqual(afterFirst);
  });

  it("one proof sent ten times at once is spent once", async () => {
    const [userId] = userIds("pow-burst", 1);
    const proof = await solvedProof(userId!, saleId);
    const answers = await Promise.all(Array.from({ length: 10 }, () => intent(userId!, { proof })));
    expect(answers.filter((answer) => answer.status === 202)).toHaveLength(1);
    expect(answers.filter((answer) => answer.status === 403 && answer.body.error.code === "proof_invalid")).toHaveLength(9);
    expect((await redis().hget(saleKeys(saleId).users, userId!)) ?? "").toContain("queued");
  });
});
