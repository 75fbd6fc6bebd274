import type { Challenge, Solution } from "altcha-lib";

/**
 * The proof a client sends with an intent: altcha's own payload format,
 * `base64(JSON({challenge, solution}))`, as its widget sends it. Shared by the browser, the
 * test harness and the benchmark, so it has no server-only imports.
 */
export function encodeProof(challenge: Challenge, solution: Solution): string {
  const payload = { challenge: { parameters: challenge.parameters, signature: challenge.signature }, solution };
  return btoa(JSON.stringify(payload));
}
