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
  /**
   * With `pacedRate`: intents sent at that fixed rate (open loop, each on its schedule whatever the
   * others do), latency counted from the schedule: the host's own latency below saturation, which
   * the closed loop's (concurrency ÷ throughput) cannot show. Null for the other hosts.
   */
  paced: { ratePerSecond: number; sent: number; latencyMs: LatencySummary; answers: Record<string, number> } | null;
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
  /** Intents per second of the shipped host's paced run (0: none). */
  pacedRate?: number;
};

/** How long the paced run lasts. */
const PACED_SECONDS = 10;

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

/** Starts task i at i ÷ rate seconds (open loop); latency from each one's scheduled start. */
async function paced(count: number, ratePerSecond: number, task: (index: number) => Promise<Answer>): Promise<{ answers: Record<string, number>; latency: LatencySummary }> {
  const latency = new LatencyRecorder();
  const answers: Record<string, number> = {};
  const startedAt = performance.now();
  const sent: Promise<void>[] = [];
  for (let index = 0; index < count; index++) {
    const due = startedAt + (index * 1000) / ratePerSecond;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    sent.push(
      task(index).then((answer) => {
        latency.record(performance.now() - due);
        const key = answer.code ?? String(answer.status);
        answers[key] = (answers[key] ?? 0) + 1;
      }),
    );
  }
  await Promise.all(sent);
  return { answers, latency: latency.summary() };
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
  const clientFor = async (label: string, users: number) => {
    const saleId = await createBenchSale({ name: `Hosts ${setup.tag} ${host} ${label}`, stock: 1000, holdSeconds: 3600, waitlistMax: 1000 });
    const userIds = Array.from({ length: users }, (_, i) => `hosts-${setup.tag}-${host === "server.ts" ? "s" : "n"}-${label}-${i}`);
    const [cookies, proofs] = await Promise.all([mintCookies(userIds), presolvedProofs(saleId, userIds)]);
    return createHttpUserClient(transport, { saleId, cookieOf: (user) => cookies[user]!, ipOf: (user) => ipOf(user, setup.usersPerIp), proofOf: (user) => proofs[user]! });
  };
  const run = async (label: string, users: number) => {
    const client = await clientFor(label, users);
    const before = cpuSeconds(web.pid);
    const startedAt = Date.now();
    const result = await pool(users, setup.concurrency, (user) => client.postIntent(user));
    return { ...result, cpu: cpuSeconds(web.pid) - before, startedAt };
  };
  const pacedRun = async (ratePerSecond: number) => {
    const sent = ratePerSecond * PACED_SECONDS;
    const client = await clientFor("paced", sent);
    const { answers, latency } = await paced(sent, ratePerSecond, (user) => client.postIntent(user));
    return { ratePerSecond, sent, latencyMs: latency, answers };
  };
  let measured: Awaited<ReturnType<typeof run>>;
  let pacedResult: HostMeasure["paced"] = null;
  try {
    await run("warm", Math.min(500, setup.users)); // JIT and connections, on a sale of its own
    measured = await run("measured", setup.users);
    if (host === "server.ts" && setup.pacedRate) pacedResult = await pacedRun(setup.pacedRate);
  } finally {
    transport.close();
    await stop(web);
  }
  // The web was profiled from its start; only the measured run's samples count (the profile ends at its exit).
  return { ...summarize(host, measured, profileDir ? summarizeProfile(profileDir, 20, Date.now() - measured.startedAt) : null), paced: pacedResult };
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
    paced: null,
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
