#!/usr/bin/env node
// npm start: from a fresh clone to a running shop — dependencies, .env.local, services, build, then
// web and worker side by side, the demo seeded, URL and credentials printed. Ctrl-C stops both.
//   --dev   next dev (through server.ts) and a watching worker instead of the production build
import { spawn } from "node:child_process";
import path from "node:path";
import { ROOT, readConfig } from "./lib/dotenv.mjs";
import { buildIfStale } from "./lib/next-build.mjs";
import { prepare } from "./lib/prepare.mjs";

const dev = process.argv.includes("--dev");
const bin = (name) => path.join(ROOT, "node_modules", ".bin", name);
const HEALTH_WAIT_MS = 180_000;

try {
  await prepare();
  if (!dev) await buildIfStale();
} catch (error) {
  console.error(`\nnpm start: ${error.message}`);
  process.exit(1);
}

const config = readConfig();
const port = config.PORT || "3000";
// Sign-in callbacks must come back to the port we serve on.
const env = { ...process.env, PORT: port, NEXTAUTH_URL: config.NEXTAUTH_URL || `http://localhost:${port}` };
const url = env.NEXTAUTH_URL;

const children = new Map();
let stopping = false;

function prefixLines(stream, label, out) {
  let pending = "";
  stream.on("data", (chunk) => {
    const lines = (pending + chunk).split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) out.write(`${label} | ${line}\n`);
  });
  stream.on("end", () => pending && out.write(`${label} | ${pending}\n`));
}

function launch(label, command, args, extraEnv) {
  const child = spawn(command, args, { cwd: ROOT, env: { ...env, ...extraEnv }, stdio: ["ignore", "pipe", "pipe"] });
  prefixLines(child.stdout, label, process.stdout);
  prefixLines(child.stderr, label, process.stderr);
  children.set(label, child);
  child.on("exit", (code, signal) => {
    children.delete(label);
    if (stopping) return;
    console.error(`${label.trim()} exited (${signal ?? `code ${code}`}); stopping the rest`);
    shutdown(1);
  });
}

function shutdown(exitCode) {
  if (stopping) return;
  stopping = true;
  for (const child of children.values()) child.kill("SIGTERM");
  const killTimer = setTimeout(() => {
    for (const child of children.values()) child.kill("SIGKILL");
  }, 10_000);
  const poll = setInterval(() => {
    if (children.size > 0) return;
    clearInterval(poll);
    clearTimeout(killTimer);
    process.exit(exitCode);
  }, 100);
}

process.on("SIGINT", () => shutdown(0));
process.on("SIGTERM", () => shutdown(0));

// server.ts: Next's request handler behind our own node:http host (JSON 400 for malformed URLs).
launch("web   ", bin("tsx"), dev ? ["server.ts", "--dev"] : ["server.ts"], { SERVICE_NAME: "web", NODE_ENV: dev ? "development" : "production" });
launch("worker", bin("tsx"), dev ? ["watch", "worker/index.ts"] : ["worker/index.ts"], { SERVICE_NAME: "worker" });

async function waitForHealth() {
  const deadline = Date.now() + HEALTH_WAIT_MS;
  while (Date.now() < deadline && !stopping) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (response.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}

if (await waitForHealth()) {
  // Async, so the children's piped output keeps flowing while the seed runs.
  const seedStatus = await new Promise((resolve) => {
    const seed = spawn(bin("tsx"), ["scripts/seed-demo.ts"], { cwd: ROOT, env, stdio: "inherit" });
    seed.on("error", () => resolve(-1));
    seed.on("close", resolve);
  });
  if (seedStatus !== 0) console.error("npm start: seeding the demo failed (see above); the app is running without it.");
  console.log(`\nReady: ${url}  (health: ${url}/api/health). Ctrl-C stops web and worker.\n`);
} else if (!stopping) {
  console.error(`npm start: ${url}/api/health did not answer 200 within ${HEALTH_WAIT_MS / 1000} s; see the web output above.`);
}
