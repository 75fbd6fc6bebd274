import { LatencyRecorder, type LatencySummary } from "./latency";

/** One answer as a user sees it: the HTTP status (0 = no answer), the error code, and what came with it. */
export type Answer = { status: number; code: string | null; ticket?: number; state?: string };

/** How a simulated user reaches the system: over HTTP, or by calling the engine in-process. */
export type UserClient = {
  postIntent(user: number): Promise<Answer>;
  pollStatus(user: number): Promise<Answer>;
};

/** Who does what: scripts send several intents at once, refreshers post again and poll. */
export type Scenario = {
  users: number;
  concurrency: number;
  duplicateShare: number;
  duplicateSends: number;
  refresherShare: number;
  polls: number;
  refreshDelayMs: number;
  /** Stop taking new work at this instant (epoch ms); what is in flight still finishes. */
  deadline: number;
};

export type LoadResult = {
  startedAt: number;
  endedAt: number;
  /** When the last 202 arrived (admission is over for the benchmark). */
  lastAdmittedAt: number;
  stoppedEarly: boolean;
  /** Users whose first intent was sent (all of them unless the run was cut short). */
  usersStarted: number;
  scripts: number;
  refreshers: number;
  intents: { sent: number; byStatus: Record<string, number>; byCode: Record<string, number>; latency: LatencySummary; admittedLatency: LatencySummary };
  polls: { sent: number; byStatus: Record<string, number>; byState: Record<string, number>; latency: LatencySummary };
  /** Per user: the ticket of their 202 (0 = none) and how many 202s they got (must be ≤ 1). */
  ticketOf: Int32Array;
  admissionsOf: Uint8Array;
};

// Knuth's multiplicative hash spreads the scripted and refreshing users evenly over the crowd,
// the same ones on every run.
function picked(user: number, salt: number, share: number): boolean {
  return ((Math.imul(user + salt, 2654435761) >>> 0) / 2 ** 32) < share;
}

export function isScript(user: number, scenario: Pick<Scenario, "duplicateShare">): boolean {
  return picked(user, 0x5eed, scenario.duplicateShare);
}

export function isRefresher(user: number, scenario: Pick<Scenario, "refresherShare">): boolean {
  return picked(user, 0xf00d, scenario.refresherShare);
}

type Task = { user: number; kind: "intent" | "poll"; followUp: number };
type FollowUp = Task & { at: number };

const increment = (counts: Record<string, number>, key: string) => {
  counts[key] = (counts[key] ?? 0) + 1;
};

/**
 * Plays the crowd against a client with bounded concurrency: every user posts one intent (scripts
 * post `duplicateSends` at once), refreshers then post again and poll status, one step every
 * `refreshDelayMs`. Bounded by the user count and by the deadline.
 */
export async function runLoad(client: UserClient, scenario: Scenario, onProgress?: (done: number) => void): Promise<LoadResult> {
  const { users } = scenario;
  const ticketOf = new Int32Array(users);
  const admissionsOf = new Uint8Array(users);
  const intentLatency = new LatencyRecorder();
  const admittedLatency = new LatencyRecorder();
  const pollLatency = new LatencyRecorder();
  const intents = { sent: 0, byStatus: {} as Record<string, number>, byCode: {} as Record<string, number> };
  const polls = { sent: 0, byStatus: {} as Record<string, number>, byState: {} as Record<string, number> };

  let cursor = 0;
  let scripts = 0;
  let refreshers = 0;
  const immediate: number[] = [];
  const followUps: FollowUp[] = [];
  let followUpHead = 0;
  let inFlight = 0;
  let stoppedEarly = false;
  let lastAdmittedAt = 0;
  let usersDone = 0;
  const startedAt = Date.now();

  const nextTask = (now: number): Task | null => {
    const extra = immediate.pop();
    if (extra !== undefined) return { user: extra, kind: "intent", followUp: -1 };
    const due = followUps[followUpHead];
    if (due && due.at <= now) {
      followUpHead += 1;
      // Compact the consumed prefix now and then, so a long run does not keep every follow-up.
      if (followUpHead > 65_536) {
        followUps.splice(0, followUpHead);
        followUpHead = 0;
      }
      return due;
    }
    if (cursor >= users) return null;
    const user = cursor;
    cursor += 1;
    if (isScript(user, scenario)) {
      scripts += 1;
      for (let i = 1; i < scenario.duplicateSends; i += 1) immediate.push(user);
    }
    return { user, kind: "intent", followUp: 0 };
  };

  const scheduleFollowUp = (task: Task) => {
    // followUp 0 is the user's first intent; 1 is the refresh (a second POST); 2.. are polls.
    const step = task.followUp + 1;
    if (task.followUp < 0 || step > 1 + scenario.polls) return;
    if (step === 1 && !isRefresher(task.user, scenario)) return;
    if (step === 1) refreshers += 1;
    followUps.push({ user: task.user, kind: step === 1 ? "intent" : "poll", followUp: step, at: Date.now() + scenario.refreshDelayMs });
  };

  const perform = async (task: Task) => {
    const sentAt = performance.now();
    if (task.kind === "intent") {
      intents.sent += 1;
      const answer = await client.postIntent(task.user);
      const ms = performance.now() - sentAt;
      intentLatency.record(ms);
      increment(intents.byStatus, String(answer.status));
      increment(intents.byCode, answer.code ?? "admitted");
      if (answer.status === 202) {
        admittedLatency.record(ms);
        admissionsOf[task.user] = Math.min(255, admissionsOf[task.user]! + 1);
        ticketOf[task.user] = answer.ticket ?? -1;
        lastAdmittedAt = Date.now();
      }
    } else {
      polls.sent += 1;
      const answer = await client.pollStatus(task.user);
      pollLatency.record(performance.now() - sentAt);
      increment(polls.byStatus, String(answer.status));
      increment(polls.byState, answer.state ?? answer.code ?? "unknown");
    }
    if (task.followUp === 0) {
      usersDone += 1;
      if (usersDone % 10_000 === 0) onProgress?.(usersDone);
    }
    scheduleFollowUp(task);
  };

  // Idle slots sleep together until work may be there: a follow-up falls due, a script's extra
  // intents appear, or the last request in flight ends. (Polling per slot would burn the CPU
  // the system under test needs.)
  const sleepers: (() => void)[] = [];
  let alarm: NodeJS.Timeout | null = null;
  const wakeAll = () => {
    if (alarm) clearTimeout(alarm);
    alarm = null;
    for (const wake of sleepers.splice(0)) wake();
  };
  const idle = (now: number) =>
    new Promise<void>((resolve) => {
      sleepers.push(resolve);
      const due = followUps[followUpHead];
      alarm ??= setTimeout(wakeAll, due ? Math.max(1, due.at - now) : 50);
    });

  const slot = async () => {
    for (;;) {
      const now = Date.now();
      if (now > scenario.deadline) {
        stoppedEarly = cursor < users || immediate.length > 0 || followUpHead < followUps.length;
        return;
      }
      const task = nextTask(now);
      if (!task) {
        if (followUpHead >= followUps.length && inFlight === 0 && cursor >= users) {
          wakeAll();
          return;
        }
        await idle(now);
        continue;
      }
      if (immediate.length && sleepers.length) wakeAll();
      inFlight += 1;
      try {
        await perform(task);
      } finally {
        inFlight -= 1;
        if (inFlight === 0 && sleepers.length) wakeAll();
      }
    }
  };

  await Promise.all(Array.from({ length: scenario.concurrency }, slot));
  return {
    startedAt,
    endedAt: Date.now(),
    lastAdmittedAt,
    stoppedEarly,
    usersStarted: cursor,
    scripts,
    refreshers,
    intents: { ...intents, latency: intentLatency.summary(), admittedLatency: admittedLatency.summary() },
    polls: { ...polls, latency: pollLatency.summary() },
    ticketOf,
    admissionsOf,
  };
}

/** The X-Forwarded-For address of a user: `usersPerIp` neighbours share one (a household, an office). */
export function ipOf(user: number, usersPerIp: number): string {
  const group = Math.floor(user / usersPerIp);
  return `10.${(group >>> 16) & 255}.${(group >>> 8) & 255}.${group & 255}`;
}
