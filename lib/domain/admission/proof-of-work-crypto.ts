import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Challenge, ChallengeParameters, Solution } from "altcha-lib";

/**
 * altcha-lib v2's deterministic SHA-256 challenge (cost 1, 32-byte key, 16-byte prefix, counter as
 * a big-endian uint32) and its key-signature check, on node:crypto. altcha-lib imports a WebCrypto
 * key and awaits a sign for every HMAC (~190 µs per issue or verify); node:crypto's HMAC is ~5×
 * cheaper. Same bytes: `proof-of-work-crypto.test.ts` checks both against altcha-lib's output.
 */
const KEY_LENGTH = 32;
const PREFIX_LENGTH = KEY_LENGTH / 2;
const MAX_UINT32 = 0xffffffff;

export type SigningSecrets = { hmacSignatureSecret: string; hmacKeySignatureSecret: string };

function hmacHex(secret: string, data: string | Uint8Array): string {
  return createHmac("sha256", secret).update(data).digest("hex");
}

/** altcha's canonical JSON: keys sorted at every level, undefined members dropped. */
function sortKeys(value: unknown): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .flatMap((key) => {
        const member = (value as Record<string, unknown>)[key];
        return member === undefined ? [] : [[key, sortKeys(member)]];
      }),
  );
}

export function signatureOf(parameters: ChallengeParameters, secret: string): string {
  return hmacHex(secret, JSON.stringify(sortKeys(parameters)));
}

/** SHA-256(salt ‖ nonce ‖ counter as uint32 BE), altcha's key for one round. */
export function deriveSha256Key(saltHex: string, nonceHex: string, counter: number): Buffer {
  const counterBytes = Buffer.alloc(4);
  counterBytes.writeUInt32BE(counter);
  return createHash("sha256").update(Buffer.from(saltHex, "hex")).update(Buffer.from(nonceHex, "hex")).update(counterBytes).digest();
}

const randomHex = () => randomBytes(16).toString("hex");

/** A signed challenge whose answer is `counter`, as altcha-lib's createChallenge makes it. */
export function createSha256Challenge(
  input: { counter: number; expiresAtSeconds: number; data: Record<string, string> },
  secrets: SigningSecrets,
  nonces: { nonce: string; salt: string } = { nonce: randomHex(), salt: randomHex() },
): Challenge {
  const { nonce, salt } = nonces;
  const derivedKey = deriveSha256Key(salt, nonce, input.counter);
  const parameters = sortKeys({
    algorithm: "SHA-256",
    nonce,
    salt,
    cost: 1,
    keyLength: KEY_LENGTH,
    keyPrefix: derivedKey.subarray(0, PREFIX_LENGTH).toString("hex"),
    keySignature: hmacHex(secrets.hmacKeySignatureSecret, derivedKey),
    expiresAt: input.expiresAtSeconds,
    data: input.data,
  }) as ChallengeParameters;
  return { parameters, signature: signatureOf(parameters, secrets.hmacSignatureSecret) };
}

function sameHex(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

export type SolutionCheck = { expired: boolean; verified: boolean };

/**
 * altcha-lib's verifySolution for challenges with a key signature: expiry, then the signature over
 * the canonical parameters, then the answer (one HMAC over the submitted key, never the work).
 */
export function verifySha256Solution(challenge: Challenge, solution: Solution, secrets: SigningSecrets, nowMs = Date.now()): SolutionCheck {
  const { expiresAt, keySignature } = challenge.parameters;
  if (expiresAt && expiresAt < nowMs / 1000) return { expired: true, verified: false };
  if (!challenge.signature || !sameHex(challenge.signature, signatureOf(challenge.parameters, secrets.hmacSignatureSecret))) {
    return { expired: false, verified: false };
  }
  const wellFormed =
    typeof solution?.derivedKey === "string" &&
    /^(?:[0-9a-f]{2})+$/.test(solution.derivedKey) &&
    Number.isInteger(solution.counter) &&
    solution.counter >= 0 &&
    solution.counter <= MAX_UINT32;
  if (!wellFormed || !keySignature) return { expired: false, verified: false };
  return { expired: false, verified: sameHex(keySignature, hmacHex(secrets.hmacKeySignatureSecret, Buffer.from(solution.derivedKey, "hex"))) };
}
