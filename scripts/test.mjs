#!/usr/bin/env node
// npm test: dependencies, .env.local and services (with the test Redis and RabbitMQ clusters and the
// test FerretDB on SQLite), then the unit, integration, cluster integration and e2e suites in order.
// The SQLite leg runs beside the integration leg: it has its own MongoDB server, Redis database,
// queues and BullMQ prefix, and spends most of its time in FerretDB's scans, so running it alone
// would add its whole length to the run. Its output is shown when it ends.
// Every suite runs even when an earlier one fails, so one run shows everything; the exit code is
// non-zero if any failed.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ROOT, RUN_DIR } from "./lib/dotenv.mjs";
import { prepare } from "./lib/prepare.mjs";

const SUITES = ["test:unit", "test:integration", "test:integration:cluster", "test:e2e"];
const BESIDE = { suite: "test:integration:sqlite", with: "test:integration" };

try {
  await prepare({ redisCluster: true, ferretDbSqlite: true });
} catch (error) {
  console.error(`\nnpm test: ${error.message}`);
  process.exit(1);
}

/** Starts a suite in the background, its output to a file; resolves to whether it passed. */
function startBeside(suite) {
  fs.mkdirSync(RUN_DIR, { recursive: true });
  const logFile = path.join(RUN_DIR, `${suite.replaceAll(":", "-")}.log`);
  const log = fs.openSync(logFile, "w");
  console.log(`\n=== npm run ${suite} (in the background; output in ${path.relative(ROOT, logFile)}, shown when it ends)`);
  const child = spawn("npm", ["run", suite], { cwd: ROOT, stdio: ["ignore", log, log] });
  return new Promise((resolve) => {
    child.on("close", (code) => {
      fs.closeSync(log);
      console.log(`\n=== npm run ${suite} (ran in the background)\n${fs.readFileSync(logFile, "utf8")}`);
      resolve({ suite, passed: code === 0 });
    });
  });
}

const outcomes = [];
let beside;
for (const suite of SUITES) {
  if (suite === BESIDE.with) beside = startBeside(BESIDE.suite);
  console.log(`\n=== npm run ${suite}`);
  const result = spawnSync("npm", ["run", suite], { cwd: ROOT, stdio: "inherit" });
  outcomes.push({ suite, passed: result.status === 0 });
  if (suite === BESIDE.with) outcomes.push(await beside);
}

console.log("\n=== summary");
for (const { suite, passed } of outcomes) console.log(`${passed ? "passed" : "FAILED"}  ${suite}`);
process.exit(outcomes.every((outcome) => outcome.passed) ? 0 : 1);
