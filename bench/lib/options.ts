import { parseArgs } from "node:util";

export type BenchMode = "http" | "engine";

/** Everything one benchmark run is told on the command line (`npm run bench -- --help`). */
export type BenchOptions = {
  mode: BenchMode;
  users: number;
  concurrency: number;
  stock: number;
  waitlistMax: number;
  holdSeconds: number;
  usersPerIp: number;
  /** Share of users that are scripts: each fires `duplicateSends` intents at once. */
  duplicateShare: number;
  duplicateSends: number;
  /** Share of users that refresh: after their answer they post again once and poll status. */
  refresherShare: number;
  polls: number;
  refreshDelayMs: number;
  /** `concurrent`: the worker serves while users arrive; `after`: it starts once admission ends. */
  worker: "concurrent" | "after";
  maxSeconds: number;
  drainSeconds: number;
  webPort: number;
  /** http mode: `next start` processes, each request sent to the next one (as a load balancer would). */
  webProcesses: number;
  workerMetricsPort: number;
  redisPort: number;
  /** Use this Redis instead of starting a private one (memory figures then include other data). */
  redisUrl: string | null;
  mongoPort: number;
  /** Use this MongoDB server instead of starting a private FerretDB. */
  mongoUrl: string | null;
  database: string;
  queue: string;
  bullPrefix: string;
  baseline: boolean;
  profile: boolean;
  warmup: number;
  /** POW_MAX_NUMBER of the bench stack: what each simulated user's challenge costs. */
  powMaxNumber: number;
  /** http mode: intents per host in the side-by-side comparison of server.ts, `next start` and the engine (0: none). */
  compareUsers: number;
  out: string;
};

const HELP = `npm run bench -- [options]

  --mode http|engine        http: N users over keep-alive HTTP against \`next start\`;
                            engine: admitIntent called in-process (no Next HTTP layer)   [http]
  --users N                 simulated signed-in users              [http 20000, engine 1000000]
  --concurrency N           requests (or engine calls) in flight   [http 200, engine 2000]
  --stock N                 items on sale                                            [1000]
  --waitlist-max N          waitlist places once stock is out                        [1000]
  --hold-seconds N          hold length (long, so holds do not expire mid-run)       [3600]
  --users-per-ip N          users behind one X-Forwarded-For address                 [10]
  --duplicate-share F       share of users that are scripts sending several intents  [0.01]
  --duplicate-sends N       intents each script sends at once                        [25]
  --refresher-share F       share of users that post again and poll status           [0.1]
  --polls N                 status polls per refresher                               [3]
  --refresh-delay-ms N      delay before a refresher's follow-ups                    [200]
  --worker concurrent|after serve while users arrive, or start the worker afterwards [concurrent]
  --max-seconds N           stop sending new requests after N s (partial run)        [480]
  --drain-seconds N         bound on waiting for the worker afterwards               [300]
  --web-processes N         http mode: \`next start\` processes on ports web-port, +2, +4…;
                            the client sends each request to the next one            [1]
  --web-port N / --worker-metrics-port N / --redis-port N / --mongo-port N
                                                         [3290 / 9490 / 6391 / 27391]
  --redis-url URL           use this Redis instead of a private redis-server
  --mongo-url URL           use this MongoDB server (e.g. mongodb://127.0.0.1:27017) instead
                            of a private FerretDB (SQLite) from .tools/bin/ferretdb
  --database NAME / --queue NAME / --bull-prefix NAME
                                         [flashsale_bench / booking_requests_bench / bullbench]
  --no-baseline             http mode: skip the bare node:http run with the same client
  --profile                 CPU-profile the web (http) or this process (engine) and the
                            worker; the top functions go into the results
  --warmup N                http mode: warm-up intents on a separate sale            [300]
  --pow-max-number N        the stack's POW_MAX_NUMBER: http-mode users fetch and solve
                            a challenge before each intent (kept low: the load generator
                            solves for every simulated user on one core)             [100]
  --compare-users N         http mode: afterwards, admissions per CPU-second of server.ts,
                            plain \`next start\` and the engine side by side, N intents
                            each with a proof solved beforehand (0 skips)            [2000]
  --out DIR                 results folder                                  [bench/results]
`;

function positiveInt(name: string, value: string | undefined, fallback: number, min = 1): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min) throw new Error(`--${name} must be an integer ≥ ${min} (got ${value})`);
  return parsed;
}

function share(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!(parsed >= 0 && parsed <= 1)) throw new Error(`--${name} must be between 0 and 1 (got ${value})`);
  return parsed;
}

/** Parses argv; returns null after printing the help. Throws with a readable message on bad input. */
export function parseOptions(argv: string[]): BenchOptions | null {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      help: { type: "boolean", short: "h" },
      mode: { type: "string" },
      users: { type: "string" },
      concurrency: { type: "string" },
      stock: { type: "string" },
      "waitlist-max": { type: "string" },
      "hold-seconds": { type: "string" },
      "users-per-ip": { type: "string" },
      "duplicate-share": { type: "string" },
      "duplicate-sends": { type: "string" },
      "refresher-share": { type: "string" },
      polls: { type: "string" },
      "refresh-delay-ms": { type: "string" },
      worker: { type: "string" },
      "max-seconds": { type: "string" },
      "drain-seconds": { type: "string" },
      "web-port": { type: "string" },
      "web-processes": { type: "string" },
      "worker-metrics-port": { type: "string" },
      "redis-port": { type: "string" },
      "redis-url": { type: "string" },
      "mongo-port": { type: "string" },
      "mongo-url": { type: "string" },
      database: { type: "string" },
      queue: { type: "string" },
      "bull-prefix": { type: "string" },
      "no-baseline": { type: "boolean" },
      profile: { type: "boolean" },
      warmup: { type: "string" },
      "pow-max-number": { type: "string" },
      "compare-users": { type: "string" },
      out: { type: "string" },
    },
  });
  if (values.help) {
    console.log(HELP);
    return null;
  }
  const mode = values.mode ?? "http";
  if (mode !== "http" && mode !== "engine") throw new Error(`--mode must be http or engine (got ${mode})`);
  const worker = values.worker ?? "concurrent";
  if (worker !== "concurrent" && worker !== "after") throw new Error(`--worker must be concurrent or after (got ${worker})`);
  const database = values.database ?? "flashsale_bench";
  // The run empties this database first, so it must never be a real one.
  if (!database.includes("bench")) throw new Error(`--database must contain "bench" (it is emptied at the start of a run)`);
  const queue = values.queue ?? "booking_requests_bench";
  if (!queue.includes("bench")) throw new Error(`--queue must contain "bench" (it is deleted at the start and end of a run)`);
  const isHttp = mode === "http";
  return {
    mode,
    users: positiveInt("users", values.users, isHttp ? 20_000 : 1_000_000),
    concurrency: positiveInt("concurrency", values.concurrency, isHttp ? 200 : 2000),
    stock: positiveInt("stock", values.stock, 1000),
    waitlistMax: positiveInt("waitlist-max", values["waitlist-max"], 1000, 0),
    holdSeconds: positiveInt("hold-seconds", values["hold-seconds"], 3600, 5),
    usersPerIp: positiveInt("users-per-ip", values["users-per-ip"], 10),
    duplicateShare: share("duplicate-share", values["duplicate-share"], 0.01),
    duplicateSends: positiveInt("duplicate-sends", values["duplicate-sends"], 25, 2),
    refresherShare: share("refresher-share", values["refresher-share"], 0.1),
    polls: positiveInt("polls", values.polls, 3, 0),
    refreshDelayMs: positiveInt("refresh-delay-ms", values["refresh-delay-ms"], 200, 0),
    worker,
    maxSeconds: positiveInt("max-seconds", values["max-seconds"], 480),
    drainSeconds: positiveInt("drain-seconds", values["drain-seconds"], 300),
    webPort: positiveInt("web-port", values["web-port"], 3290),
    webProcesses: Math.min(8, positiveInt("web-processes", values["web-processes"], 1)),
    workerMetricsPort: positiveInt("worker-metrics-port", values["worker-metrics-port"], 9490),
    redisPort: positiveInt("redis-port", values["redis-port"], 6391),
    redisUrl: values["redis-url"] ?? null,
    mongoPort: positiveInt("mongo-port", values["mongo-port"], 27391),
    mongoUrl: values["mongo-url"] ?? null,
    database,
    queue,
    bullPrefix: values["bull-prefix"] ?? "bullbench",
    baseline: isHttp && !values["no-baseline"],
    profile: Boolean(values.profile),
    warmup: positiveInt("warmup", values.warmup, 300, 0),
    powMaxNumber: positiveInt("pow-max-number", values["pow-max-number"], 100),
    compareUsers: isHttp ? positiveInt("compare-users", values["compare-users"], 2000, 0) : 0,
    out: values.out ?? "bench/results",
  };
}
