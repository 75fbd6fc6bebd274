import { solveChallengeWorkers, type Challenge } from "altcha-lib";
import { encodeProof } from "@/lib/domain/admission/proof-payload";

/** The server expires a challenge after three minutes; a browser that needs a minute is stuck. */
const TIMEOUT_MS = 60_000;

/**
 * Solves the shop's proof-of-work challenge in Web Workers, off the main thread (one per core, up
 * to four, each trying its own share of the counters), and returns the proof an intent carries,
 * or null when it could not be solved in time.
 */
export async function solveProof(challenge: Challenge): Promise<string | null> {
  const solution = await solveChallengeWorkers({
    challenge,
    concurrency: Math.min(4, navigator.hardwareConcurrency || 1),
    createWorker: () => new Worker(new URL("./proof-of-work.worker.ts", import.meta.url)),
    timeout: TIMEOUT_MS,
  });
  return solution && encodeProof(challenge, solution);
}
