import { solveChallenge, type Challenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/sha";
import { describe, expect, it } from "vitest";
import { DomainError } from "@/lib/errors/domain-error";
import { encodeProof } from "@/lib/domain/admission/proof-payload";
import {
  checkProof,
  createProofChallenge,
  decodeProof,
  deriveProofSecrets,
  readProof,
  type ProofSettings,
} from "@/lib/domain/admission/proof-of-work";

const settings: ProofSettings = { maxNumber: 50, ttlSeconds: 180, ...deriveProofSecrets("a-test-key-that-is-long-enough-0123456789") };
const subject = { userId: "user-1", saleId: "sale-1" };

async function solve(challenge: Challenge): Promise<string> {
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) throw new Error("no solution");
  return encodeProof(challenge, solution);
}

/** The DomainError a call throws (code and message), or a failure when it does not throw one. */
async function refusal(call: () => unknown): Promise<{ code: string; message: string }> {
  try {
    await call();
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("the proof-of-work challenge", () => {
  it("is signed, expires, names its user and sale, and its answer lies within maxNumber", async () => {
    const challenge = await createProofChallenge(subject, settings, Date.parse("2030-01-01T12:00:00Z"));
    expect(challenge.signature).toMatch(/^[0-9a-f]{64}$/);
    expect(challenge.parameters.expiresAt).toBe(Date.parse("2030-01-01T12:03:00Z") / 1000);
    expect(challenge.parameters.data).toEqual({ userId: "user-1", saleId: "sale-1" });
    const solution = await solveChallenge({ challenge, deriveKey });
    expect(solution?.counter).toBeGreaterThanOrEqual(1);
    expect(solution?.counter).toBeLessThanOrEqual(settings.maxNumber);
  });

  it("accepts its own solved proof for the same user and sale, identified by its signature", async () => {
    const challenge = await createProofChallenge(subject, settings);
    const checked = await checkProof(await solve(challenge), subject, settings);
    expect(checked.id).toBe(challenge.signature);
    expect(checked.expiresAtMs).toBe(challenge.parameters.expiresAt! * 1000);
  });

  it.each([
    ["another user", { userId: "user-2", saleId: "sale-1" }],
    ["another sale", { userId: "user-1", saleId: "sale-2" }],
  ])("refuses a proof presented by %s", async (_name, other) => {
    const proof = await solve(await createProofChallenge(subject, settings));
    expect(await refusal(() => checkProof(proof, other, settings))).toEqual({
      code: "proof_invalid",
      message: expect.stringContaining("issued for another user or sale"),
    });
  });

  it("refuses an expired proof", async () => {
    const proof = await solve(await createProofChallenge(subject, settings, Date.now() - 10 * 60_000));
    expect(await refusal(() => checkProof(proof, subject, settings))).toEqual({ code: "proof_invalid", message: expect.stringContaining("expired") });
  });

  it("refuses a wrong answer, a challenge rewritten for someone else, and one signed with another key", async () => {
    const challenge = await createProofChallenge(subject, settings);
    const solution = (await solveChallenge({ challenge, deriveKey }))!;
    const wrongAnswer = encodeProof(challenge, { ...solution, derivedKey: "00".repeat(32) });
    const rewritten = encodeProof(
      { ...challenge, parameters: { ...challenge.parameters, data: { userId: "user-2", saleId: "sale-1" } } },
      solution,
    );
    const forged = await solve(await createProofChallenge(subject, { ...settings, ...deriveProofSecrets("someone-else's-key-0123456789abcdef") }));
    for (const proof of [wrongAnswer, rewritten, forged]) {
      expect(await refusal(() => checkProof(proof, subject, settings))).toEqual({ code: "proof_invalid", message: expect.stringContaining("not valid") });
    }
  });
});

describe("reading the proof from an intent", () => {
  it.each([
    ["no body", {}],
    ["an empty proof", { proof: "" }],
    ["a proof that is not a string", { proof: 42 }],
    ["an array", ["proof"]],
  ])("answers %s with 400 saying where to get a challenge", async (_name, body) => {
    expect(await refusal(() => readProof(body))).toEqual({
      code: "bad_request",
      message: expect.stringContaining("GET /api/sales/:saleId/challenge"),
    });
  });

  it("answers a proof that is not an altcha payload with 400", async () => {
    for (const proof of ["not base64 at all", btoa("{}"), btoa(JSON.stringify({ challenge: {}, solution: {} }))]) {
      expect((await refusal(() => decodeProof(proof))).code).toBe("bad_request");
    }
  });

  it("derives two distinct secrets per key, the same each time", () => {
    const a = deriveProofSecrets("key-a-0123456789abcdef0123456789abcdef");
    expect(a).toEqual(deriveProofSecrets("key-a-0123456789abcdef0123456789abcdef"));
    expect(a.hmacSignatureSecret).not.toBe(a.hmacKeySignatureSecret);
    expect(deriveProofSecrets("key-b-0123456789abcdef0123456789abcdef").hmacSignatureSecret).not.toBe(a.hmacSignatureSecret);
  });
});
