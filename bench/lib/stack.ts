import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, createWriteStream, existsSync, mkdirSync, symlinkSync } from "node:fs";
import net from "node:net";
import path from "node:path";

export const ROOT = process.cwd();

/** A process the benchmark started, and so must stop. */
export type Started = { name: string; child: ChildProcess; pid: number; log: string };

const started: Started[] = [];

/** Children that ended without being asked to (killed from outside, crashed), in words. */
export const unexpectedExits: string[] = [];

/** Polls until `check` is true; throws after `timeoutMs` (the bound only guards against a hang). */
export async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs: number, intervalMs = 200): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`${what}: not ready within ${Math.round(timeoutMs / 1000)} s`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Whether something accepts TCP connections on 127.0.0.1:port. */
export function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

export async function assertPortFree(port: number, what: string): Promise<void> {
  if (await isListening(port)) throw new Error(`port ${port} (${what}) is already in use; pick another with the matching --*-port option`);
}

/** Starts a child with its output in a log file under the run folder; it is stopped by stopAll. */
export function launch(name: string, command: string, args: string[], env: NodeJS.ProcessEnv, logDir: string, cwd = ROOT): Started {
  mkdirSync(logDir, { recursive: true });
  const log = path.join(logDir, `${name}.log`);
  const out = createWriteStream(log);
  const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  if (child.pid === undefined) throw new Error(`${name}: could not start ${command}`);
  const entry = { name, child, pid: child.pid, log };
  started.push(entry);
  child.once("exit", (code, signal) => {
    if (!started.includes(entry)) return;
    const what = `${name} (pid ${entry.pid}) exited unexpectedly at ${new Date().toISOString()} with ${signal ?? `code ${code}`}; see ${log}`;
    unexpectedExits.push(what);
    console.error(`bench  ${what}`);
  });
  return entry;
}

export function exited(entry: Started): boolean {
  return entry.child.exitCode !== null || entry.child.signalCode !== null;
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
export async function stop(entry: Started, graceMs = 15_000): Promise<void> {
  const index = started.indexOf(entry);
  if (index >= 0) started.splice(index, 1);
  if (exited(entry)) return;
  const gone = new Promise((resolve) => entry.child.once("exit", resolve));
  entry.child.kill("SIGTERM");
  const timer = setTimeout(() => entry.child.kill("SIGKILL"), graceMs);
  await gone;
  clearTimeout(timer);
}

/** Stops whatever is still running, newest first (web and worker before the Redis they use). */
export async function stopAll(): Promise<void> {
  for (const entry of [...started].reverse()) await stop(entry);
}

/** A private redis-server: nothing else writes to it, so its memory figures are the sale's alone. */
export async function startRedis(port: number, logDir: string): Promise<Started> {
  await assertPortFree(port, "bench Redis");
  const redis = launch("redis", "redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--maxclients", "10000"], process.env, logDir);
  await waitFor("redis-server", () => (exited(redis) ? Promise.reject(new Error(`redis-server exited; see ${redis.log}`)) : isListening(port)), 15_000, 100);
  return redis;
}

/** V8 flags that write a .cpuprofile into `dir` when the process exits (both exit on SIGTERM). */
const profiling = (dir: string | null) => (dir ? ["--cpu-prof", `--cpu-prof-dir=${dir}`] : []);

/**
 * A private FerretDB (SQLite backend, data in the run folder): the benchmark neither waits on nor
 * disturbs the shared MongoDB server other people's tests use. Built by `npm run services:up`. Its debug
 * HTTP listener (a fixed port, 8088) is off, so that two benchmarks can run side by side.
 */
export async function startFerretDb(port: number, logDir: string): Promise<Started> {
  const binary = path.join(ROOT, ".tools", "bin", "ferretdb");
  if (!existsSync(binary)) throw new Error(`${binary} is missing: run \`npm run services:up\` once (it builds FerretDB), or pass --mongo-url`);
  await assertPortFree(port, "bench FerretDB");
  const dataDir = path.join(logDir, "ferretdb");
  mkdirSync(dataDir, { recursive: true });
  const args = [`--handler=sqlite`, `--sqlite-url=file:${dataDir}/`, `--listen-addr=127.0.0.1:${port}`, "--telemetry=disable", `--state-dir=${dataDir}`, "--log-level=warn", "--debug-addr=-"];
  const ferret = launch("ferretdb", binary, args, process.env, logDir);
  await waitFor("ferretdb", () => (exited(ferret) ? Promise.reject(new Error(`ferretdb exited; see ${ferret.log}`)) : isListening(port)), 30_000, 100);
  return ferret;
}

export async function startWorker(env: NodeJS.ProcessEnv, metricsPort: number, logDir: string, profileDir: string | null, name = "worker"): Promise<Started> {
  await assertPortFree(metricsPort, "worker metrics");
  const worker = launch(name, process.execPath, [...profiling(profileDir), "--import", "tsx", "worker/index.ts"], { ...env, SERVICE_NAME: "worker", WORKER_METRICS_PORT: String(metricsPort) }, logDir);
  await waitFor(
    "worker",
    async () => {
      if (exited(worker)) throw new Error(`worker exited; see ${worker.log}`);
      const response = await fetch(`http://127.0.0.1:${metricsPort}/healthz`).catch(() => null);
      return response?.ok ?? false;
    },
    90_000,
  );
  return worker;
}

// Build output the server does not read (caches, the dev server's folder, the standalone copy).
const NOT_SERVED = new Set(["cache", "dev", "standalone", "turbopack", "trace", "trace-build", "diagnostics"]);

/**
 * Copies the production build into a project folder of the run's own, so a `next build` or
 * `next dev` someone starts in the shared checkout meanwhile cannot pull it from under the
 * server. Code the server reads at run time (node_modules, lib/ with the Lua scripts) is linked.
 */
export function snapshotBuild(logDir: string): string {
  const app = path.join(logDir, "app");
  mkdirSync(app, { recursive: true });
  cpSync(path.join(ROOT, ".next"), path.join(app, ".next"), {
    recursive: true,
    verbatimSymlinks: true,
    filter: (source) => !NOT_SERVED.has(path.relative(path.join(ROOT, ".next"), source)),
  });
  if (!existsSync(path.join(app, ".next", "BUILD_ID"))) throw new Error("the build in .next was incomplete (another build running?); run the benchmark again");
  // server.ts and the hot routes' sources (app/, lib/, with tsconfig.json's `@/` paths) run under tsx.
  for (const name of ["package.json", "next.config.mjs", "server.ts", "tsconfig.json"]) cpSync(path.join(ROOT, name), path.join(app, name));
  for (const name of ["node_modules", "lib", "app", "public"]) if (existsSync(path.join(ROOT, name))) symlinkSync(path.join(ROOT, name), path.join(app, name));
  return app;
}

/** The shipped host (`tsx server.ts`, as `npm start` and the Dockerfile run it), or plain `next start`. */
export type WebHost = "server.ts" | "next start";

/** A web server on a snapshot of the build (optionally under the V8 CPU profiler). */
export async function startWeb(appDir: string, env: NodeJS.ProcessEnv, port: number, logDir: string, profileDir: string | null, host: WebHost = "server.ts", name = "web"): Promise<Started> {
  await assertPortFree(port, "bench web");
  const nextBin = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
  const args = host === "server.ts" ? ["--import", "tsx", "server.ts"] : [nextBin, "start", appDir, "-p", String(port), "-H", "127.0.0.1"];
  const web = launch(name, process.execPath, [...profiling(profileDir), ...args], { ...env, SERVICE_NAME: "web", PORT: String(port), HOSTNAME: "127.0.0.1" }, logDir, appDir);
  await waitFor(
    "web (GET /api/health)",
    async () => {
      if (exited(web)) throw new Error(`${host} exited; see ${web.log}`);
      const response = await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => null);
      return response?.status === 200;
    },
    120_000,
    250,
  );
  return web;
}

// A bare node:http server answering what the intent route answers, to measure the ceiling of this
// client and machine in the same run (the route's own work is what the difference costs).
const BARE_SERVER = `
const http = require("node:http");
const body = JSON.stringify({ ticket: 1, position: 1, bookingId: "00000000-0000-0000-0000-000000000000", statusUrl: "/api/sales/x/status" });
http.createServer((req, res) => {
  req.resume();
  req.on("end", () => { res.writeHead(202, { "content-type": "application/json" }); res.end(body); });
}).listen(Number(process.env.PORT), "127.0.0.1");
`;

export async function startBareServer(port: number, logDir: string): Promise<Started> {
  await assertPortFree(port, "bare node:http baseline");
  const bare = launch("bare-http", process.execPath, ["-e", BARE_SERVER], { ...process.env, PORT: String(port) }, logDir);
  await waitFor("bare node:http server", () => isListening(port), 15_000, 50);
  return bare;
}
