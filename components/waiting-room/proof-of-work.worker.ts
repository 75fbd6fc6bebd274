// A Web Worker that solves proof-of-work challenges with the browser's WebCrypto SHA-256; it
// speaks altcha-lib's worker protocol, driven by solveChallengeWorkers (solve-proof.ts).
import { deriveKey } from "altcha-lib/algorithms/web/sha";
import { handler } from "altcha-lib/workers/shared";

handler({ deriveKey });
