import { hkdfSync } from "node:crypto";
import { randomInt } from "node:crypto";
import type { Challenge, Payload } from "altcha-lib";
import { z } from "zod";
import { env } from "@/lib/config/env";
import { DomainError } from "@/lib/errors/domain-error";
import { redis } from "@/lib/redis/client";
import { saleKeys, usedProofKey } from "@/lib/redis/keys";
import { consumeRateLimit } from "@/lib/domain/admission/rate-limit";
import { unknownSaleRefusal } from "@/lib/domain/admission/unknown-sale-refusal";
import { createSha256Challenge, verifySha256Solution } from "@/lib/domain/admission/proof-of-work-crypto";

/** Whose intent a challenge is for: a proof is only good for this user on this sale. */
export type ProofSubject = { userId: string; saleId: string };

export type ProofSettings = {
  /** The solver tries counters from 0; the answer is a random one in 1..maxNumber. */
  maxNumber: number;
  /** How long a challenge may be solved and spent, from its creation. */
  ttlSeconds: number;
  hmacSignatureSecret: string;
  hmacKeySignatureSecret: string;
};

// Iterated SHA-256 with one round (proof-of-work-crypto.ts): every browser's WebCrypto has it,
// and the work is the number of counters tried, so POW_MAX_NUMBER alone sets the price.
const CHALLENGE_TTL_SECONDS = 180;

const CHALLENGE_HELP = "Get a challenge from GET /api/sales/:saleId/challenge, solve it, and send the solution.";

/**
 * Two independent secrets (one signs the challenge, one the expected answer) derived from
 * POW_HMAC_KEY, or from NEXTAUTH_SECRET when it is unset, so nothing extra has to be configured.
 */
export function deriveProofSecrets(masterKey: string): Pick<ProofSettings, "hmacSignatureSecret" | "hmacKeySignatureSecret"> {
  const derive = (info: string) => Buffer.from(hkdfSync("sha256", masterKey, "flash-sale proof of work", info, 32)).toString("hex");
  return { hmacSignatureSecret: derive("challenge signature"), hmacKeySignatureSecret: derive("answer signature") };
}

let cachedSettings: ProofSettings | undefined;

function settingsFromEnv(): ProofSettings {
  cachedSettings ??= {
    maxNumber: env().POW_MAX_NUMBER,
    ttlSeconds: CHALLENGE_TTL_SECONDS,
    ...deriveProofSecrets(env().POW_HMAC_KEY ?? env().NEXTAUTH_SECRET),
  };
  return cachedSettings;
}

/**
 * A signed challenge bound to the user and the sale. Deterministic mode: the server picks the
 * answer and signs the key it derives, so checking a proof is one HMAC, never the work itself.
 */
export function createProofChallenge(subject: ProofSubject, settings = settingsFromEnv(), nowMs = Date.now()): Challenge {
  return createSha256Challenge(
    {
      counter: randomInt(1, settings.maxNumber + 1),
      expiresAtSeconds: Math.floor((nowMs + settings.ttlSeconds * 1000) / 1000),
      data: { userId: subject.userId, saleId: subject.saleId },
    },
    settings,
  );
}

/** GET challenge: rate limited like intents, and only for a sale the shop knows. */
export async function issueProofChallenge(input: ProofSubject & { ip: string }): Promise<Challenge> {
  await consumeRateLimit(input.userId, input.ip);
  if (!(await redis().exists(saleKeys(input.saleId).meta))) throw await unknownSaleRefusal(input.saleId);
  return createProofChallenge(input);
}

const proofBodySchema = z.object({ proof: z.string().min(1) });

/** The proof from an intent's body `{"proof": "…"}`; 400 naming what to send when it is missing. */
export function readProof(body: unknown): string {
  const parsed = proofBodySchema.safeParse(body);
  if (!parsed.success) throw new DomainError("bad_request", `A proof of work is required: send {"proof": "<solved challenge>"}. ${CHALLENGE_HELP}`);
  return parsed.data.proof;
}

// Loose objects: the signature covers every parameter, so none may be dropped before checking it.
const payloadSchema = z.object({
  challenge: z.object({
    parameters: z.looseObject({
      algorithm: z.string(),
      nonce: z.string(),
      salt: z.string(),
      cost: z.number(),
      keyLength: z.number(),
      keyPrefix: z.string(),
      keySignature: z.string().optional(),
      expiresAt: z.number().optional(),
      data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
    }),
    signature: z.string().min(1),
  }),
  solution: z.looseObject({ counter: z.number(), derivedKey: z.string() }),
});

/** Decodes an altcha payload (base64 JSON); 400 when it is not one. */
export function decodeProof(proof: string): Payload {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(proof, "base64").toString("utf8"));
  } catch {
    json = null;
  }
  const parsed = payloadSchema.safeParse(json);
  if (!parsed.success) throw new DomainError("bad_request", `The proof is not a solved challenge. ${CHALLENGE_HELP}`);
  return parsed.data as Payload;
}

const refuse = (message: string) => new DomainError("proof_invalid", `${message} Press Buy now again for a new challenge.`);

/** A proof that passed checkProof: its challenge's signature (its id) and when that challenge expires. */
export type CheckedProof = { id: string; expiresAtMs: number };

/**
 * Checks a proof without spending it: the signature (so nothing was changed), the expiry, the
 * answer, and that it was issued to this user for this sale. Throws 403 `proof_invalid` otherwise.
 */
export function checkProof(proof: string, subject: ProofSubject, settings = settingsFromEnv()): CheckedProof {
  const { challenge, solution } = decodeProof(proof);
  const result = verifySha256Solution(challenge, solution, settings);
  const { data, expiresAt, keySignature } = challenge.parameters;
  if (result.expired) throw refuse("This proof of work has expired.");
  // Every challenge we issue has an expiry and a signed answer; one without them is not ours.
  if (!result.verified || expiresAt === undefined || keySignature === undefined) throw refuse("This proof of work is not valid.");
  if (data?.userId !== subject.userId || data?.saleId !== subject.saleId) {
    throw refuse("This proof of work was issued for another user or sale.");
  }
  return { id: challenge.signature!, expiresAtMs: expiresAt * 1000 };
}

/**
 * Spends a checked proof. Single use: the first request to spend a challenge marks it in Redis
 * until it expires, and is told true; any later one is told false, so a script cannot solve once
 * and queue many times.
 */
export async function spendProof(proof: CheckedProof, nowMs = Date.now()): Promise<boolean> {
  const spent = await redis().set(usedProofKey(proof.id), "1", "PX", Math.max(1000, proof.expiresAtMs - nowMs + 1000), "NX");
  return spent === "OK";
}

/** The refusal of a proof that was spent before. */
export const proofAlreadyUsed = () => refuse("This proof of work was already used.");
