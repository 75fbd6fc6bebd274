import { createChallenge, solveChallenge, verifySolution, type Challenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/sha";
import { describe, expect, it } from "vitest";
import { createSha256Challenge, deriveSha256Key, signatureOf, verifySha256Solution } from "@/lib/domain/admission/proof-of-work-crypto";

const secrets = { hmacSignatureSecret: "signature-secret-0123456789", hmacKeySignatureSecret: "key-secret-0123456789" };
const data = { userId: "user-1", saleId: "sale-1" };

function altchaChallenge(counter: number): Promise<Challenge> {
  return createChallenge({ algorithm: "SHA-256", cost: 1, counter, deriveKey, data, expiresAt: new Date(Date.now() + 60_000), ...secrets });
}

describe("altcha's SHA-256 challenge on node:crypto", () => {
  it("signs altcha-lib's own challenge to the same bytes: key, prefix, key signature and signature", async () => {
    const challenge = await altchaChallenge(37);
    const { parameters } = challenge;
    const ours = createSha256Challenge({ counter: 37, expiresAtSeconds: parameters.expiresAt!, data }, secrets, parameters);
    expect(JSON.stringify(ours)).toBe(JSON.stringify(challenge));
    expect(signatureOf(parameters, secrets.hmacSignatureSecret)).toBe(challenge.signature);
    expect(deriveSha256Key(parameters.salt, parameters.nonce, 37).subarray(0, 16).toString("hex")).toBe(parameters.keyPrefix);
    const solution = (await solveChallenge({ challenge, deriveKey }))!;
    expect(verifySha256Solution(challenge, solution, secrets)).toEqual({ expired: false, verified: true });
  });

  it("makes challenges that altcha-lib's solver solves and its verifier accepts", async () => {
    const challenge = createSha256Challenge({ counter: 21, expiresAtSeconds: Math.floor(Date.now() / 1000) + 60, data }, secrets);
    const solution = (await solveChallenge({ challenge, deriveKey }))!;
    expect(solution.counter).toBe(21);
    expect(await verifySolution({ challenge, solution, deriveKey, ...secrets })).toMatchObject({ verified: true });
    expect(verifySha256Solution(challenge, solution, secrets)).toEqual({ expired: false, verified: true });
  });

  it("agrees with altcha-lib on tampered, wrong, malformed and expired proofs", async () => {
    const challenge = createSha256Challenge({ counter: 5, expiresAtSeconds: Math.floor(Date.now() / 1000) + 60, data }, secrets);
    const solution = (await solveChallenge({ challenge, deriveKey }))!;
    const cases: [Challenge, typeof solution][] = [
      [{ ...challenge, parameters: { ...challenge.parameters, data: { ...data, userId: "user-2" } } }, solution],
      [challenge, { ...solution, derivedKey: "00".repeat(32) }],
      [challenge, { ...solution, derivedKey: solution.derivedKey.toUpperCase() }],
      [challenge, { ...solution, counter: -1 }],
      [{ ...challenge, signature: "0".repeat(64) }, solution],
    ];
    for (const [tampered, answer] of cases) {
      expect((await verifySolution({ challenge: tampered, solution: answer, deriveKey, ...secrets })).verified).toBe(false);
      expect(verifySha256Solution(tampered, answer, secrets).verified).toBe(false);
    }
    const expired = createSha256Challenge({ counter: 5, expiresAtSeconds: Math.floor(Date.now() / 1000) - 1, data }, secrets);
    expect(await verifySolution({ challenge: expired, solution, deriveKey, ...secrets })).toMatchObject({ expired: true });
    expect(verifySha256Solution(expired, solution, secrets)).toEqual({ expired: true, verified: false });
  });
});
