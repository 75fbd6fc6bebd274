import path from "node:path";
import { solveChallenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/sha";
import { admitIntent } from "@/lib/domain/admission/admit-intent";
import { createProofChallenge } from "@/lib/domain/admission/proof-of-work";
import { encodeProof } from "@/lib/domain/admission/proof-payload";
import { publishBookingRequest } from "@/lib/messaging/publish-booking-request";
import { mintCookies } from "./benchmark";
import { profileThisProcess, summarizeProfile, type ProfileSummary } from "./cpu-profile";
import { createHttpTransport, createHttpUserClient } from "./http-client";
import { LatencyRecorder, type LatencySummary } from "./latency";
import { ipOf, type Answer } from "./load";
import { cpuSeconds, round } from "./proc-stats";
import { createBenchSale } from "./sale";
import { startWeb, stop, type WebHost } from "./stack";

export type HostMeasure = {
  host: WebHost | "engine";
  admitted: number;
  answers: Record<string, number>;
  cpuSeconds: number;
  admittedPerCpuSecond: number;
  cpuMsPerAdmission: number;
  latencyMs: LatencySummary;
  /** With `profile`: self time of the admitting process during the measured run alone. */
  profile: ProfileSummary | null;
};

export type HostSetup = {
  appDir: string;
  env: NodeJS.ProcessEnv;
  logDir: string;
  tag: string;
  users: number;
  concurrency: number;
  usersPerIp: number;
  /** CPU-profile each admitting process (`--profile`). */
  profile: boolean;
};

/** Runs `count` tasks with `concurrency` in flight; records each one's latency. */
async function pool(count: number, concurrency: number, task: (index: number) => Promise<Answer>): Promise<{ answers: Record<string, number>; latency: LatencySummary; admitted: number }> {
  const latency = new LatencyRecorder();
  const answers: Record<string, number> = {};
  let next = 0;
  let admitted = 0;
  const lane = async () => {
    while (next < count) {
      const index = next++;
      const started = performance.now();
      const answer = await task(index);
      latency.record(performance.now() - started);
      const key = answer.code ?? String(answer.status);
      answers[key] = (answers[key] ?? 0) + 1;
      if (answer.status === 202) admitted += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return { answers, latency: latency.summary(), admitted };
}

/**
 * Proofs solved before the clock starts: the challenge came with the page (stateless, signed with
 * the shared key), so a Buy is one POST, and the solving is the browser's work, not the server's.
 */
async function presolvedProofs(saleId: string, userIds: string[]): Promise<string[]> {
  const proofs: string[] = [];
  for (const userId of userIds) {
    const challenge = createProofChallenge({ userId, saleId });
    const solution = await solveChallenge({ challenge, deriveKey });
    proofs.push(encodeProof(challenge, solution!));
  }
  return proofs;
}

/** One host: a fresh sale, `users` signed-in users each posting one intent with a solved proof. */
async function measureHost(setup: HostSetup, host: WebHost, port: number): Promise<HostMeasure> {
  const name = host === "server.ts" ? "web-server-ts" : "web-next-start";
  const profileDir = setup.profile ? path.join(setup.logDir, "profile", name) : null;
  const web = await startWeb(setup.appDir, setup.env, port, setup.logDir, profileDir, host, name);
  const transport = createHttpTransport(port, setup.concurrency);
  const run = async (label: string, users: number) => {
    const saleId = await createBenchSale({ name: `Hosts ${setup.tag} ${host} ${label}`, stock: 1000, holdSeconds: 3600, waitlistMax: 1000 });
    const userIds = Array.from({ length: users }, (_, i) => `hosts-${setup.tag}-${host === "server.ts" ? "s" : "n"}-${label}-${i}`);
    const [cookies, proofs] = await Promise.all([mintCookies(userIds), presolvedProofs(saleId, userIds)]);
    const client = createHttpUserClient(transport, { saleId, cookieOf: (user) => cookies[user]!, ipOf: (user) => ipOf(user, setup.usersPerIp), proofOf: (user) => proofs[user]! });
    const before = cpuSeconds(web.pid);
    const startedAt = Date.now();
    const result = await pool(users, setup.concurrency, (user) => client.postIntent(user));
    return { ...result, cpu: cpuSeconds(web.pid) - before, startedAt };
  };
  let measured: Awaited<ReturnType<typeof run>>;
  try {
    await run("warm", Math.min(500, setup.users)); // JIT and connections, on a sale of its own
    measured = await run("measured", setup.users);
  } finally {
    transport.close();
    await stop(web);
  }
  // The web was profiled from its start; only the measured run's samples count (the profile ends at its exit).
  return summarize(host, measured, profileDir ? summarizeProfile(profileDir, 20, Date.now() - measured.startedAt) : null);
}

function summarize(host: HostMeasure["host"], run: { answers: Record<string, number>; latency: LatencySummary; admitted: number; cpu: number }, profile: ProfileSummary | null): HostMeasure {
  return {
    host,
    admitted: run.admitted,
    answers: run.answers,
    cpuSeconds: round(run.cpu, 2),
    admittedPerCpuSecond: run.cpu > 0 ? Math.round(run.admitted / run.cpu) : 0,
    cpuMsPerAdmission: run.admitted > 0 ? round((run.cpu * 1000) / run.admitted, 3) : 0,
    latencyMs: run.latency,
    profile,
  };
}

/** The engine alone, in this process: admitIntent without HTTP, session or proof (as `--mode engine`). */
async function measureEngine(setup: HostSetup): Promise<HostMeasure> {
  const run = async (label: string, users: number) => {
    const saleId = await createBenchSale({ name: `Hosts ${setup.tag} engine ${label}`, stock: 1000, holdSeconds: 3600, waitlistMax: 1000 });
    const before = process.cpuUsage();
    const result = await pool(users, setup.concurrency, async (user) => {
      try {
        await admitIntent({ saleId, userId: `hosts-${setup.tag}-e-${label}-${user}`, ip: ipOf(user, setup.usersPerIp), userAgent: "flashsale-bench/1" }, publishBookingRequest);
        return { status: 202, code: null };
      } catch (error) {
        return { status: 0, code: error instanceof Error ? error.message.slice(0, 40) : "error" };
      }
    });
    const used = process.cpuUsage(before);
    return { ...result, cpu: (used.user + used.system) / 1e6 };
  };
  await run("warm", Math.min(500, setup.users));
  const profileDir = setup.profile ? path.join(setup.logDir, "profile", "engine") : null;
  const stopProfile = profileDir ? profileThisProcess(profileDir, "engine") : null;
  const measured = await run("measured", setup.users);
  await stopProfile?.();
  return summarize("engine", measured, profileDir ? summarizeProfile(profileDir, 20) : null);
}

/**
 * Admissions per CPU-second of the admitting process, side by side in one run: the shipped host
 * (server.ts, hot routes off Next's machinery), plain `next start` on the same build and route
 * files, and the engine in-process. Each HTTP intent decodes a session JWT and verifies a proof.
 */
export async function compareHosts(setup: HostSetup, basePort: number): Promise<HostMeasure[]> {
  const custom = await measureHost(setup, "server.ts", basePort);
  const plain = await measureHost(setup, "next start", basePort + 1);
  const engine = await measureEngine(setup);
  return [custom, plain, engine];
}
