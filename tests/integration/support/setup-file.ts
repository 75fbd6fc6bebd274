// Runs around every integration test file.
import { afterAll } from "vitest";
import { stopAllWorkers } from "./harness";

// A worker a file left running would consume the next file's intents; it is killed here, after the
// file's own hooks. startWorker refuses a second worker, so a forgotten stopWorker fails loudly.
afterAll(stopAllWorkers);
