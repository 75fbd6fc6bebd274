#!/usr/bin/env node
// npm test: dependencies, .env.local and services (with the test Redis and RabbitMQ clusters), then the unit,
// integration, cluster integration and e2e suites in order.
// Every suite runs even when an earlier one fails, so one run shows everything; the exit code is
// non-zero if any failed.
import { spawnSync } from "node:child_process";
import { ROOT } from "./lib/dotenv.mjs";
import { prepare } from "./lib/prepare.mjs";

const SUITES = ["test:unit", "test:integration", "test:integration:cluster", "test:e2e"];

try {
  await prepare({ redisCluster: true });
} catch (error) {
  console.error(`\nnpm test: ${error.message}`);
  process.exit(1);
}

const outcomes = SUITES.map((suite) => {
  console.log(`\n=== npm run ${suite}`);
  const result = spawnSync("npm", ["run", suite], { cwd: ROOT, stdio: "inherit" });
  return { suite, passed: result.status === 0 };
});

console.log("\n=== summary");
for (const { suite, passed } of outcomes) console.log(`${passed ? "passed" : "FAILED"}  ${suite}`);
process.exit(outcomes.every((outcome) => outcome.passed) ? 0 : 1);
