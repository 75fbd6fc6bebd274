import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createServer, type AddressInfo } from "node:net";
import { solveChallenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/sha";
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { env } from "@/lib/config/env";
import { connectMongo } from "@/lib/db/connect";
import { Sale, type SaleDoc } from "@/lib/db/models/sale";
import { eachBookingQueue } from "@/lib/messaging/rabbit";
import { publishSaleState } from "@/lib/domain/inventory/publish-sale-state";
import { createProofChallenge } from "@/lib/domain/admission/proof-of-work";
import { encodeProof } from "@/lib/domain/admission/proof-payload";
import { POST as postIntent } from "@/app/api/sales/[saleId]/intents/route";

/** A port nobody listens on now, so a worker left over from an aborted run cannot answer for ours. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A session cookie for a user, minted the way next-auth signs its JWTs. */
export async function sessionCookie(userId: string, role: "shopper" | "marketer" | "admin" = "shopper"): Promise<string> {
  const token = await encode({ token: { sub: userId, email: `${userId}@test.local`, role }, secret: env().NEXTAUTH_SECRET });
  return `next-auth.session-token=${token}`;
}

// Tests read answers field by field and assert on them; the shapes vary per route.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type RouteAnswer = { status: number; body: any; headers: Headers };

type CallOptions = { method?: string; cookie?: string | null; body?: unknown; rawBody?: string; ip?: string };

/** Calls a route handler the way Next does: a NextRequest and a context with promised params. */
export async function callRoute<P extends Record<string, string>>(
  handler: (request: NextRequest, context: { params: Promise<P> }) => Promise<Response>,
  path: string,
  params: P,
  options: CallOptions = {},
): Promise<RouteAnswer> {
  const headers = new Headers({ "content-type": "application/json", "x-forwarded-for": options.ip ?? "10.0.0.1", "user-agent": "vitest" });
  if (options.cookie) headers.set("cookie", options.cookie);
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const request = new NextRequest(new URL(path, "http://localhost:3000"), { method: options.method ?? "GET", headers, body });
  const response = await handler(request, { params: Promise.resolve(params) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
}

/** A proof of work for this user and sale, as a browser sends it: a real challenge, really solved. */
export async function solvedProof(userId: string, saleId: string): Promise<string> {
  const challenge = await createProofChallenge({ userId, saleId });
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) throw new Error("the proof-of-work challenge was not solved");
  return encodeProof(challenge, solution);
}

/** POST /api/sales/:saleId/intents as the browser sends it: signed in as the user, with a solved proof. */
export async function postIntentAs(userId: string, saleId: string, options: Pick<CallOptions, "ip"> = {}): Promise<RouteAnswer> {
  const body = { proof: await solvedProof(userId, saleId) };
  return callRoute(postIntent, `/api/sales/${saleId}/intents`, { saleId }, { method: "POST", cookie: await sessionCookie(userId), body, ...options });
}

export async function createLiveSale(overrides: Partial<Pick<SaleDoc, "stock" | "holdSeconds" | "waitlistMax" | "status" | "startsAt" | "endsAt">> = {}) {
  await connectMongo();
  const now = Date.now();
  const sale = await Sale.create({
    name: `Test sale ${randomUUID().slice(0, 8)}`,
    price: 10,
    currency: "EUR",
    stock: 10,
    startsAt: new Date(now - 60_000),
    endsAt: new Date(now + 3_600_000),
    holdSeconds: 300,
    waitlistMax: 1000,
    status: "live",
    ...overrides,
  });
  await publishSaleState(sale);
  return { saleId: String(sale._id), sale };
}

/** Empties every sale's test queue, so a test starts with no messages left by another. */
export async function purgeBookingQueue(): Promise<void> {
  await eachBookingQueue("test-purge", (channel, queue) => channel.purgeQueue(queue));
}

export { bookingQueueDepth as queueDepth } from "@/lib/messaging/rabbit";

export type IntentJob = { saleId: string; userId: string; ip: string };

/**
 * Posts intents from a separate web process (support/web-process.ts), as a second host behind a
 * load balancer would: its own connections, its own publisher. Resolves with each answer's status.
 */
export async function postIntentsFromWebProcess(jobs: IntentJob[]): Promise<number[]> {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/integration/support/web-process.ts"], { stdio: ["pipe", "pipe", "inherit"] });
  process.once("exit", () => child.kill("SIGKILL"));
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stdin.end(JSON.stringify(jobs));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0) throw new Error(`web process exited with ${code}`);
  return JSON.parse(output) as number[];
}

/** Workers this test file started and that have not exited yet. */
const runningWorkers = new Set<ChildProcess>();

/**
 * Starts the real worker as its own process (as in production) and waits until it serves.
 * One at a time: a second worker, or one a test forgot to stop, would serve the next tests' intents.
 */
export async function startWorker(extraEnv: Record<string, string> = {}): Promise<ChildProcess> {
  return (await startWorkers(1, extraEnv))[0]!;
}

/** Starts `count` workers side by side (they share the sales' queues); none may be running yet. */
export async function startWorkers(count: number, extraEnv: Record<string, string> = {}): Promise<ChildProcess[]> {
  if (runningWorkers.size > 0) throw new Error("a worker started earlier in this file is still running: stop it first");
  const workers: ChildProcess[] = [];
  // One after another: two cold starts at once can take minutes on a busy 2-core machine.
  for (let i = 0; i < count; i += 1) workers.push(await spawnWorker(extraEnv));
  return workers;
}

async function spawnWorker(extraEnv: Record<string, string>): Promise<ChildProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "worker/index.ts"], {
    env: { ...process.env, WORKER_METRICS_PORT: String(port), ...extraEnv },
    stdio: ["ignore", "inherit", "inherit"],
  });
  runningWorkers.add(child);
  child.once("exit", () => runningWorkers.delete(child));
  process.once("exit", () => child.kill("SIGKILL"));
  await waitFor(async () => {
    if (child.exitCode !== null) throw new Error(`worker exited with ${child.exitCode}`);
    const response = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null);
    return response?.ok ?? false;
    // A cold start (tsx, MongoDB, the Redis rebuild) has taken over a minute on a loaded 2-core machine.
  }, 120_000);
  return child;
}

export async function stopAllWorkers(): Promise<void> {
  await Promise.all([...runningWorkers].map((child) => stopWorker(child, "SIGKILL")));
}

export async function stopWorker(child: ChildProcess | undefined, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill(signal);
  await exited;
}

/** Polls until the check returns true (bounded); the bound only guards against a hang. */
export async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs = 60_000, intervalMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export const userIds = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}-${i}-${randomUUID().slice(0, 6)}`);

/** Runs tasks with at most `limit` in flight, returning results in input order. */
export async function mapLimit<T, R>(items: T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await task(items[index]!, index);
      }
    }),
  );
  return results;
}
