#!/usr/bin/env node
// Brings up Redis, RabbitMQ and a MongoDB-protocol server for this project, or stops what it started.
//
//   node scripts/services.mjs [up]   use what answers; else `docker compose up -d`; else start locally
//   node scripts/services.mjs up --redis-cluster
//                                    the same, plus the private Redis Cluster and 3-node RabbitMQ
//                                    cluster the cluster tests use
//   node scripts/services.mjs up --ferretdb-sqlite
//                                    the same, plus the private FerretDB on SQLite the SQLite tests use
//   node scripts/services.mjs stop   stop only what `up` started (pid files in .run/)
//
// Plain Node with no npm packages: it runs before `npm install`.
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT, RUN_DIR, readConfig } from "./lib/dotenv.mjs";
import { isAlive } from "./lib/process.mjs";
import { TEST_CLUSTER_DIR, testClusterPorts } from "./lib/test-cluster.mjs";
import { testFerretDbSqlitePort } from "./lib/test-ferretdb-sqlite-port.mjs";
import {
  TEST_RABBIT_CLUSTER_DIR,
  brokerCommand,
  prepareRabbitClusterDir,
  rabbitCtlCommand,
  rabbitNodeEnv,
  rabbitNodeMembers,
  rabbitNodePidFile,
  rabbitProgram,
  testRabbitClusterNodes,
} from "./lib/test-rabbitmq-cluster.mjs";

/** Bound on waiting for the services to answer (building FerretDB or pulling images comes on top). */
const WAIT_MS = 60_000;
const PROBE_TIMEOUT_MS = 1500;
const FERRETDB_VERSION = "v1.24.2";
const FERRETDB_BIN = path.join(ROOT, ".tools", "bin", "ferretdb");
const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "::1"]);

// ---------------------------------------------------------------------------------------------
// Addresses

function parseAddress(url, defaultPort) {
  const rest = url.replace(/^[a-z+]+:\/\//i, "");
  const authority = rest.split(/[/?#]/, 1)[0] ?? "";
  const at = authority.lastIndexOf("@");
  const credentials = at >= 0 ? authority.slice(0, at) : "";
  // A MongoDB URL may list several hosts; the first one decides whether it is ours to start.
  const hostPort = (at >= 0 ? authority.slice(at + 1) : authority).split(",")[0] ?? "";
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(hostPort);
  const [host, port] = bracketed ? [bracketed[1], bracketed[2]] : hostPort.split(":");
  const [username = "", password = ""] = credentials.split(":").map((part) => decodeURIComponent(part));
  return { host: host || "127.0.0.1", port: Number(port || defaultPort), username, password };
}

function redact(url) {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, "//$1:***@");
}

// ---------------------------------------------------------------------------------------------
// Protocol probes: each resolves to "ok", "down" (nothing listens) or an error text (something
// listens but does not speak the protocol or refuses us — starting another server would not help).

function converse({ host, port }, greeting, judge) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    let received = Buffer.alloc(0);
    let settled = false;
    const finish = (verdict) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve(verdict);
    };
    socket.setTimeout(PROBE_TIMEOUT_MS, () => finish("down"));
    socket.on("connect", () => socket.write(greeting));
    socket.on("data", (chunk) => {
      received = Buffer.concat([received, chunk]);
      const verdict = judge(received);
      if (verdict) finish(verdict);
    });
    socket.on("error", () => finish("down"));
    socket.on("close", () => finish(received.length ? `unexpected answer: ${JSON.stringify(received.toString("latin1").slice(0, 80))}` : "down"));
  });
}

function respCommand(...words) {
  return `*${words.length}\r\n${words.map((word) => `$${Buffer.byteLength(word)}\r\n${word}\r\n`).join("")}`;
}

function probeRedis(address) {
  const auth = address.password ? respCommand("AUTH", ...(address.username ? [address.username] : []), address.password) : "";
  return converse(address, auth + respCommand("PING"), (data) => {
    const text = data.toString("latin1");
    if (text.includes("+PONG\r\n")) return "ok";
    const error = /-([^\r]*)\r\n/.exec(text);
    return error ? `answers but refuses: ${error[1]}` : undefined;
  });
}

function probeAmqp(address) {
  // AMQP 0-9-1 protocol header; a broker answers with a Connection.Start method frame
  // (frame type 1, channel 0, class 10, method 10).
  return converse(address, Buffer.from("AMQP\x00\x00\x09\x01", "latin1"), (data) => {
    if (data.length < 11) return undefined;
    const isConnectionStart = data[0] === 1 && data.readUInt16BE(1) === 0 && data.readUInt16BE(7) === 10 && data.readUInt16BE(9) === 10;
    return isConnectionStart ? "ok" : `not an AMQP 0-9-1 broker (answered ${JSON.stringify(data.toString("latin1", 0, 8))})`;
  });
}

function bsonHello() {
  // {hello: 1, $db: "admin"} encoded by hand: int32 element, string element, terminator.
  const element = (type, name, value) => Buffer.concat([Buffer.from([type]), Buffer.from(`${name}\0`), value]);
  const int32 = (n) => {
    const b = Buffer.alloc(4);
    b.writeInt32LE(n);
    return b;
  };
  const string = (s) => Buffer.concat([int32(Buffer.byteLength(s) + 1), Buffer.from(`${s}\0`)]);
  const body = Buffer.concat([element(0x10, "hello", int32(1)), element(0x02, "$db", string("admin")), Buffer.from([0])]);
  return Buffer.concat([int32(body.length + 4), body]);
}

function probeMongo(address) {
  const requestId = 1 + Math.floor(Math.random() * 1e6);
  const document = bsonHello();
  const header = Buffer.alloc(16);
  header.writeInt32LE(16 + 4 + 1 + document.length, 0);
  header.writeInt32LE(requestId, 4);
  header.writeInt32LE(0, 8);
  header.writeInt32LE(2013, 12); // OP_MSG
  const message = Buffer.concat([header, Buffer.alloc(4), Buffer.from([0]), document]);
  return converse(address, message, (data) => {
    if (data.length < 16) return undefined;
    return data.readInt32LE(8) === requestId && data.readInt32LE(12) === 2013 ? "ok" : "not a MongoDB-protocol server";
  });
}

// ---------------------------------------------------------------------------------------------
// Helpers for starting things

function which(command, extraDirs = []) {
  const dirs = [...(process.env.PATH ?? "").split(path.delimiter), ...extraDirs];
  for (const dir of dirs) {
    const candidate = path.join(dir, command);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

/** Runs a command to completion; resolves {code, output} and never throws (timeouts kill it). */
function run(command, args, { timeoutMs = 60_000, ...options } = {}) {
  return new Promise((resolve) => {
    let output = "";
    let child;
    try {
      child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], ...options });
    } catch (error) {
      resolve({ code: -1, output: String(error) });
      return;
    }
    const timer = setTimeout(() => {
      output += `\n(timed out after ${timeoutMs / 1000} s)`;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", (error) => (output += String(error)));
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, output });
    });
  });
}

function pidFile(name) {
  return path.join(RUN_DIR, `${name}.pid`);
}

function readPid(file) {
  const pid = Number.parseInt(fs.readFileSync(file, "utf8"), 10);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** True when the pid still belongs to the program we started (pids get reused). */
function isOurProcess(pid, programName) {
  if (!isAlive(pid)) return false;
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(programName);
  } catch {
    return true; // no /proc (macOS): trust the pid file
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

let dockerAnswers;
async function dockerEngineAnswers() {
  dockerAnswers ??= which("docker") ? run("docker", ["info"], { timeoutMs: 8000 }).then((r) => r.code === 0) : Promise.resolve(false);
  return dockerAnswers;
}

// ---------------------------------------------------------------------------------------------
// Local starters: each returns {pid?, detail?} or throws an Error whose message says what to install.

async function startRedis(address) {
  const binary = which("redis-server", ["/usr/sbin", "/usr/local/sbin"]);
  if (!binary) throw new Error("redis-server is not installed");
  const args = ["--daemonize", "yes", "--bind", "127.0.0.1", "-::1", "--port", String(address.port), "--save", "", "--appendonly", "no"];
  args.push("--dir", RUN_DIR, "--pidfile", pidFile("redis"), "--logfile", path.join(RUN_DIR, "redis.log"));
  if (address.password) args.push("--requirepass", address.password);
  const result = await run(binary, args, { timeoutMs: 15_000 });
  if (result.code !== 0) throw new Error(`redis-server failed to start: ${result.output.trim()}`);
  for (let i = 0; i < 40 && !fs.existsSync(pidFile("redis")); i++) await sleep(50);
  return { pid: fs.existsSync(pidFile("redis")) ? readPid(pidFile("redis")) : undefined, program: "redis-server" };
}

async function startRabbit(address) {
  const binary = which("rabbitmq-server", ["/usr/sbin", "/usr/local/sbin", "/usr/lib/rabbitmq/bin"]);
  if (!binary) throw new Error("rabbitmq-server is not installed");
  const env = { ...process.env };
  // A non-default port gets a node and a config file of its own (a system rabbitmq.conf may pin
  // the listener to 5672), so it can run beside the machine's usual broker.
  if (address.port !== 5672) {
    const configFile = path.join(RUN_DIR, `rabbitmq-${address.port}.conf`);
    fs.writeFileSync(configFile, `listeners.tcp.local = 127.0.0.1:${address.port}\n`);
    env.RABBITMQ_CONFIG_FILE = configFile;
    env.RABBITMQ_NODENAME = `flashsale${address.port}@localhost`;
    env.RABBITMQ_NODE_PORT = String(address.port);
    env.RABBITMQ_DIST_PORT = String(address.port + 20_000);
  }
  const node = env.RABBITMQ_NODENAME ?? "";
  const result = await run(binary, ["-detached"], { env, timeoutMs: 30_000 });
  if (result.code !== 0) {
    const hint = /Only root or rabbitmq/.test(result.output) ? " (it must run as root or as the rabbitmq user: `sudo rabbitmq-server -detached`)" : "";
    throw new Error(`rabbitmq-server -detached failed${hint}: ${result.output.trim()}`);
  }
  fs.writeFileSync(path.join(RUN_DIR, "rabbitmq.node"), `${node}\n`);
  return { detail: `node ${node || "default"}` };
}

/**
 * Builds FerretDB into .tools/bin once. A plain `go install …@v1.24.2` gives a binary that panics
 * at start ("Invalid build/version/version.txt") because the module zip has no version file, so
 * the module is copied out of the Go cache, the version file written, and the binary built there.
 */
async function buildFerretDb() {
  const go = which("go", ["/usr/local/go/bin", path.join(os.homedir(), "go", "bin"), path.join(os.homedir(), "sdk", "go", "bin")]);
  if (!go) throw new Error("Go is not installed, so FerretDB (the local MongoDB-protocol server) cannot be built");
  console.log(`mongodb   building FerretDB ${FERRETDB_VERSION} into .tools/bin (once; takes 1-3 minutes) ...`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "ferretdb-build-"));
  const env = { ...process.env, GOFLAGS: "-buildvcs=false", GO111MODULE: "on" };
  try {
    const download = await run(go, ["mod", "download", "-json", `github.com/FerretDB/FerretDB@${FERRETDB_VERSION}`], { cwd: work, env, timeoutMs: 600_000 });
    let moduleDir;
    try {
      moduleDir = JSON.parse(download.output).Dir;
    } catch {
      moduleDir = undefined;
    }
    if (download.code !== 0 || !moduleDir) throw new Error(`\`go mod download\` of FerretDB failed: ${download.output.trim()}`);
    const source = path.join(work, "src");
    fs.cpSync(moduleDir, source, { recursive: true });
    await run("chmod", ["-R", "u+w", source]);
    fs.writeFileSync(path.join(source, "build", "version", "version.txt"), `${FERRETDB_VERSION}\n`);
    fs.mkdirSync(path.dirname(FERRETDB_BIN), { recursive: true });
    const staged = `${FERRETDB_BIN}.${process.pid}.tmp`;
    const build = await run(go, ["build", "-o", staged, "./cmd/ferretdb"], { cwd: source, env, timeoutMs: 900_000 });
    if (build.code !== 0) throw new Error(`\`go build\` of FerretDB failed: ${build.output.trim()}`);
    fs.renameSync(staged, FERRETDB_BIN); // atomic, so a concurrent run never sees half a binary
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

let ferretDbBuilt;
/** Builds FerretDB unless it is there; the usual server and the SQLite test one share one build. */
function ensureFerretDb() {
  ferretDbBuilt ??= fs.existsSync(FERRETDB_BIN) ? Promise.resolve() : buildFerretDb();
  return ferretDbBuilt;
}

const POSTGRES = { host: "127.0.0.1", port: 5432 };

function probeTcp({ host, port }) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const finish = (answers) => {
      socket.destroy();
      resolve(answers);
    };
    socket.setTimeout(PROBE_TIMEOUT_MS, () => finish(false));
    socket.on("connect", () => finish(true));
    socket.on("error", () => finish(false));
  });
}

/**
 * FerretDB's storage. For the usual server (port 27017): the local PostgreSQL when one answers on
 * 127.0.0.1:5432 and lets `postgres` in without a password (database `ferretdb`, created here),
 * since SQLite takes one writer at a time and the heavier tests outgrow it; else SQLite in
 * .data/ferretdb/. A server on another port (a second checkout's) gets SQLite: FerretDB keeps up to
 * 50 PostgreSQL connections, two such servers exhaust PostgreSQL's default max_connections (100),
 * and a smaller pool deadlocks FerretDB under concurrent finds (seen at pool_max_conns=20: every
 * connection idle, every command waiting). FERRETDB_HANDLER=sqlite|postgresql and
 * FERRETDB_POSTGRESQL_URL (FerretDB's own variable names) choose explicitly.
 */
function sqliteStorage(dataDir) {
  fs.mkdirSync(dataDir, { recursive: true });
  return { args: ["--handler=sqlite", `--sqlite-url=file:${dataDir}/`], label: `SQLite in ${path.relative(ROOT, dataDir)}` };
}

async function ferretDbStorage(address, config) {
  const sqlite = () => sqliteStorage(path.join(ROOT, ".data", "ferretdb"));
  const postgres = (url) => ({ args: ["--handler=postgresql", `--postgresql-url=${url}`], label: `PostgreSQL ${redact(url)}` });
  if (config.FERRETDB_HANDLER === "sqlite") return sqlite();
  if (config.FERRETDB_POSTGRESQL_URL) return postgres(config.FERRETDB_POSTGRESQL_URL);
  const wantsPostgres = config.FERRETDB_HANDLER === "postgresql";
  if (address.port !== 27017 && !wantsPostgres) return sqlite();
  const psql = which("psql");
  if (!psql || !(await probeTcp(POSTGRES))) {
    if (wantsPostgres) throw new Error("FERRETDB_HANDLER=postgresql, but no PostgreSQL (with psql) answers on 127.0.0.1:5432");
    return sqlite();
  }
  const database = address.port === 27017 ? "ferretdb" : `ferretdb_${address.port}`;
  const sql = (statement) =>
    run(psql, ["-h", POSTGRES.host, "-p", String(POSTGRES.port), "-U", "postgres", "-d", "postgres", "-w", "-tAc", statement], {
      env: { ...process.env, PGCONNECT_TIMEOUT: "5" },
      timeoutMs: 15_000,
    });
  const exists = await sql(`SELECT 1 FROM pg_database WHERE datname = '${database}'`);
  if (exists.code !== 0) return sqlite(); // PostgreSQL wants a password here: keep to SQLite
  if (exists.output.trim() !== "1") {
    const created = await sql(`CREATE DATABASE "${database}"`);
    if (created.code !== 0 && !/already exists/.test(created.output)) return sqlite();
  }
  return postgres(`postgres://postgres@${POSTGRES.host}:${POSTGRES.port}/${database}`);
}

/** Starts FerretDB detached, on `storage`, listening at `address`; its state, log and pid go to `files`. */
function spawnFerretDb(storage, address, files) {
  const host = address.host === "localhost" ? "127.0.0.1" : address.host;
  const listen = host.includes(":") ? `[${host}]:${address.port}` : `${host}:${address.port}`;
  const log = fs.openSync(files.log, "a");
  const child = spawn(
    FERRETDB_BIN,
    [
      ...storage.args,
      `--listen-addr=${listen}`,
      "--telemetry=disable",
      `--state-dir=${files.stateDir}`,
      // Duplicate-key refusals are routine here (unique indexes arbitrate), and FerretDB logs each
      // refused command at WARN, so only errors go to the log.
      "--log-level=ERROR",
      "--debug-addr=-",
    ],
    { detached: true, stdio: ["ignore", log, log], cwd: ROOT },
  );
  fs.closeSync(log);
  child.unref();
  fs.writeFileSync(files.pid, `${child.pid}\n`);
  return { pid: child.pid, program: "ferretdb", log: files.log, detail: `FerretDB on ${storage.label}` };
}

async function startFerretDb(address, config) {
  await ensureFerretDb();
  fs.mkdirSync(path.join(ROOT, ".data"), { recursive: true });
  const storage = await ferretDbStorage(address, config);
  return spawnFerretDb(storage, address, { stateDir: path.join(ROOT, ".data"), log: path.join(RUN_DIR, "ferretdb.log"), pid: pidFile("ferretdb") });
}

// ---------------------------------------------------------------------------------------------

const SERVICES = [
  {
    name: "redis",
    variable: "REDIS_URL",
    fallback: "redis://127.0.0.1:6379",
    defaultPort: 6379,
    probe: probeRedis,
    startLocal: startRedis,
    install: "install Redis 7 (`apt-get install -y redis-server`, `brew install redis`) or Docker, or set REDIS_URL to a running Redis",
  },
  {
    name: "rabbitmq",
    variable: "RABBITMQ_URL",
    fallback: "amqp://guest:guest@127.0.0.1:5672",
    defaultPort: 5672,
    probe: probeAmqp,
    startLocal: startRabbit,
    install: "install RabbitMQ 3 (`apt-get install -y rabbitmq-server`, `brew install rabbitmq`) or Docker, or set RABBITMQ_URL to a running broker",
  },
  {
    name: "mongodb",
    composeService: "mongo",
    variable: "MONGODB_URL",
    fallback: "mongodb://127.0.0.1:27017/flashsale",
    defaultPort: 27017,
    probe: probeMongo,
    startLocal: startFerretDb,
    install:
      "install Go 1.24+ (https://go.dev/dl; `apt-get install -y golang-go` if it is new enough) so FerretDB can be built, or Docker, or set MONGODB_URL to a MongoDB 6+ server",
  },
];

async function waitUntilAnswers(service, address, started, deadline) {
  for (;;) {
    const verdict = await service.probe(address);
    if (verdict === "ok") return;
    if (started.pid && started.program && !isOurProcess(started.pid, started.program)) {
      const log = started.log && fs.existsSync(started.log) ? `\n${fs.readFileSync(started.log, "utf8").split("\n").slice(-15).join("\n")}` : "";
      throw new Error(`the ${started.program} process (pid ${started.pid}) exited${log}`);
    }
    if (Date.now() > deadline) throw new Error(`started, but no answer within ${WAIT_MS / 1000} s (last probe: ${verdict})`);
    await sleep(250);
  }
}

/** Makes one service answer; resolves to a status line, or throws with what to do. */
async function bringUp(service, config) {
  const url = config[service.variable] || service.fallback;
  const address = parseAddress(url, service.defaultPort);
  const label = `${service.name.padEnd(9)} ${redact(url)}`;
  if (/^(mongodb\+srv|rediss|amqps):/.test(url)) return `${label}  remote TLS/SRV address, not checked`;

  const verdict = await service.probe(address);
  if (verdict === "ok") return `${label}  already running`;
  if (verdict !== "down") throw new Error(`${label}  something listens there but ${verdict}`);
  if (!LOCAL_HOSTS.has(address.host)) throw new Error(`${label}  does not answer, and it is not a local address, so it is not started here`);

  let started;
  if (address.port === service.defaultPort && (await dockerEngineAnswers())) {
    const composeService = service.composeService ?? service.name;
    const result = await run("docker", ["compose", "up", "-d", composeService], { cwd: ROOT, timeoutMs: 600_000 });
    if (result.code !== 0) throw new Error(`${label}  \`docker compose up -d ${composeService}\` failed: ${result.output.trim()}`);
    fs.writeFileSync(path.join(RUN_DIR, `${service.name}.compose`), `${composeService}\n`);
    started = { detail: `docker compose service ${composeService}` };
  } else {
    try {
      started = await service.startLocal(address, config);
    } catch (error) {
      throw new Error(`${label}  cannot be started: ${error.message}.\n          To fix: ${service.install}.`);
    }
  }

  try {
    await waitUntilAnswers(service, address, started, Date.now() + WAIT_MS);
  } catch (error) {
    throw new Error(`${label}  ${error.message}`);
  }
  if (started.pid && started.program && !isOurProcess(started.pid, started.program)) {
    // Another `services up` won the race for the port; ours exited and theirs answers.
    fs.rmSync(pidFile(service.name), { force: true });
    return `${label}  already running (started concurrently by another process)`;
  }
  return `${label}  started (${[started.pid && `pid ${started.pid}`, started.detail].filter(Boolean).join(", ")})`;
}

// ---------------------------------------------------------------------------------------------
// The private Redis Cluster of the cluster test leg: three masters from REDIS_CLUSTER_PORT_BASE
// (7001) on, no replicas, no persistence but each node's nodes.conf, under .run/redis-cluster/.
// Only the tests use it, and they flush it, so a broken or half-made one is simply made again.

const CLUSTER_PROGRAM = "redis-server";

function redisCli(port, args) {
  const cli = which("redis-cli", ["/usr/bin", "/usr/local/bin"]);
  if (!cli) return Promise.resolve({ code: -1, output: "redis-cli is not installed" });
  return run(cli, ["-h", "127.0.0.1", "-p", String(port), ...args], { timeoutMs: 30_000 });
}

function clusterNodeDir(port) {
  return path.join(TEST_CLUSTER_DIR, String(port));
}

/** Whether a node answers, is ours (its data dir is ours) and sees a whole, healthy cluster. */
async function clusterNodeState(port) {
  const verdict = await probeRedis({ host: "127.0.0.1", port });
  if (verdict !== "ok") return { answers: verdict !== "down", ours: false, healthy: false };
  const dir = (await redisCli(port, ["config", "get", "dir"])).output.split("\n")[1]?.trim() ?? "";
  const ours = fs.existsSync(clusterNodeDir(port)) && dir === fs.realpathSync(clusterNodeDir(port));
  const info = (await redisCli(port, ["cluster", "info"])).output;
  const healthy = /cluster_state:ok/.test(info) && /cluster_known_nodes:3\b/.test(info) && /cluster_slots_ok:16384\b/.test(info);
  return { answers: true, ours, healthy };
}

async function startClusterNode(binary, port) {
  const dir = clusterNodeDir(port);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const args = ["--daemonize", "yes", "--bind", "127.0.0.1", "--port", String(port), "--save", "", "--appendonly", "no"];
  args.push("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "5000");
  args.push("--dir", dir, "--pidfile", path.join(dir, "redis.pid"), "--logfile", path.join(dir, "redis.log"));
  const result = await run(binary, args, { timeoutMs: 15_000 });
  if (result.code !== 0) throw new Error(`redis-server on port ${port} failed to start: ${result.output.trim()}`);
}

async function waitForCluster(ports, ready, what) {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const states = await Promise.all(ports.map(clusterNodeState));
    if (states.every(ready)) return;
    if (Date.now() > deadline) throw new Error(`${what} within ${WAIT_MS / 1000} s (logs in ${TEST_CLUSTER_DIR}/<port>/redis.log)`);
    await sleep(250);
  }
}

async function bringUpRedisCluster(config) {
  const ports = testClusterPorts(config);
  const label = `redis-cluster 127.0.0.1:${ports.join(",")}`;
  const states = await Promise.all(ports.map(clusterNodeState));
  if (states.every((state) => state.ours && state.healthy)) return `${label}  already running`;
  const foreign = ports.filter((_, i) => states[i].answers && !states[i].ours);
  if (foreign.length) throw new Error(`${label}  port ${foreign.join(", ")} answers but is not this checkout's test cluster: set REDIS_CLUSTER_PORT_BASE to free ports`);
  const binary = which("redis-server", ["/usr/sbin", "/usr/local/sbin"]);
  if (!binary) throw new Error(`${label}  cannot be started: redis-server is not installed.\n          To fix: install Redis 7 (\`apt-get install -y redis-server\`).`);
  await stopRedisCluster();
  try {
    for (const port of ports) await startClusterNode(binary, port);
    await waitForCluster(ports, (state) => state.ours, "the nodes did not answer");
    const create = await redisCli(ports[0], ["--cluster", "create", ...ports.map((port) => `127.0.0.1:${port}`), "--cluster-replicas", "0", "--cluster-yes"]);
    if (create.code !== 0) throw new Error(`redis-cli --cluster create failed: ${create.output.trim()}`);
    await waitForCluster(ports, (state) => state.healthy, "`cluster info` did not say ok on every node");
  } catch (error) {
    throw new Error(`${label}  ${error.message}`);
  }
  return `${label}  started (3 masters, files in ${path.relative(ROOT, TEST_CLUSTER_DIR)}/)`;
}

async function stopRedisCluster() {
  if (!fs.existsSync(TEST_CLUSTER_DIR)) return undefined;
  const ports = fs.readdirSync(TEST_CLUSTER_DIR).filter((name) => /^\d+$/.test(name));
  const lines = await Promise.all(ports.map((port) => stopPid(`redis-cluster node ${port}`, CLUSTER_PROGRAM, path.join(clusterNodeDir(port), "redis.pid"))));
  fs.rmSync(TEST_CLUSTER_DIR, { recursive: true, force: true });
  return lines.filter(Boolean).join("\n") || undefined;
}

// ---------------------------------------------------------------------------------------------
// The private FerretDB on SQLite of the SQLite test leg: the usual server runs on PostgreSQL here,
// and the record-of-truth tests must hold on both of FerretDB's backends. Port FERRETDB_SQLITE_PORT
// (27018), data, state and log in .run/ferretdb-sqlite/, pid in .run/ferretdb-sqlite.pid. Only
// the tests use it, and they drop their database, so a new one starts empty.

const FERRETDB_SQLITE_DIR = path.join(RUN_DIR, "ferretdb-sqlite");
const FERRETDB_SQLITE = "ferretdb-sqlite";

async function bringUpFerretDbSqlite(config) {
  const address = { host: "127.0.0.1", port: testFerretDbSqlitePort(config) };
  const label = `ferretdb-sqlite 127.0.0.1:${address.port}`;
  const file = pidFile(FERRETDB_SQLITE);
  const pid = fs.existsSync(file) ? readPid(file) : undefined;
  const ours = pid !== undefined && isOurProcess(pid, "ferretdb");
  const verdict = await probeMongo(address);
  if (verdict === "ok" && ours) return `${label}  already running`;
  if (verdict !== "down") throw new Error(`${label}  the port answers but is not this checkout's test FerretDB: set FERRETDB_SQLITE_PORT to a free port`);
  await stopFerretDbSqlite();
  try {
    await ensureFerretDb();
    const files = { stateDir: FERRETDB_SQLITE_DIR, log: path.join(FERRETDB_SQLITE_DIR, "ferretdb.log"), pid: file };
    const started = spawnFerretDb(sqliteStorage(FERRETDB_SQLITE_DIR), address, files);
    await waitUntilAnswers({ probe: probeMongo }, address, started, Date.now() + WAIT_MS);
    return `${label}  started (pid ${started.pid}, ${started.detail})`;
  } catch (error) {
    throw new Error(`${label}  ${error.message}`);
  }
}

async function stopFerretDbSqlite() {
  const line = await stopPid(FERRETDB_SQLITE, "ferretdb");
  fs.rmSync(FERRETDB_SQLITE_DIR, { recursive: true, force: true });
  return line;
}

// ---------------------------------------------------------------------------------------------
// The private RabbitMQ cluster of the cluster test leg: three nodes from RABBITMQ_CLUSTER_PORT_BASE
// (5701) on, files under .run/rabbitmq-cluster/ (scripts/lib/test-rabbitmq-cluster.mjs). Started at
// once, they form one cluster by classic peer discovery. A node that is down while the others run
// (a test stopped it) is started again and rejoins; anything else broken is made again.

/** Formation took 17-43 s on the 2-core development machine at load average 15-18; this bounds a hang. */
const RABBIT_CLUSTER_WAIT_MS = 90_000;

async function rabbitClusterNodeState(node, names) {
  const file = rabbitNodePidFile(node);
  const pid = fs.existsSync(file) ? readPid(file) : undefined;
  // RabbitMQ names its node at run time: the VM's command line shows the cluster's HOME instead.
  const alive = Boolean(pid && isOurProcess(pid, TEST_RABBIT_CLUSTER_DIR));
  const verdict = await probeAmqp({ host: "127.0.0.1", port: node.port });
  const members = rabbitNodeMembers(node);
  return { alive, answers: verdict === "ok", foreign: verdict !== "down" && !alive, clustered: names.every((name) => members.includes(name)) };
}

const isHealthyRabbitNode = (state) => state.alive && state.answers && state.clustered;

async function startRabbitClusterNode(node) {
  const binary = rabbitProgram("rabbitmq-server");
  if (!binary) throw new Error("rabbitmq-server is not installed");
  const { command, args, env } = brokerCommand(binary, ["-detached"], rabbitNodeEnv(node));
  const result = await run(command, args, { env, timeoutMs: 30_000 });
  if (result.code !== 0) throw new Error(`rabbitmq-server for ${node.name} failed to start: ${result.output.trim()}`);
}

/** Makes the test RabbitMQ cluster whole (the cluster tests call it after stopping a node); resolves to a status line. */
export async function bringUpRabbitCluster(config) {
  const nodes = testRabbitClusterNodes(config);
  const names = nodes.map((node) => node.name);
  const label = `rabbitmq-cluster 127.0.0.1:${nodes.map((node) => node.port).join(",")}`;
  const states = await Promise.all(nodes.map((node) => rabbitClusterNodeState(node, names)));
  if (states.every(isHealthyRabbitNode)) return `${label}  already running`;
  const foreign = nodes.filter((_, i) => states[i].foreign).map((node) => node.port);
  if (foreign.length) throw new Error(`${label}  port ${foreign.join(", ")} answers but is not this checkout's test cluster: set RABBITMQ_CLUSTER_PORT_BASE to free ports`);
  const started = Date.now();
  try {
    // Members of a formed cluster that still runs come back with their data and rejoin.
    const rejoin = states.some(isHealthyRabbitNode);
    if (!rejoin) {
      await stopRabbitCluster();
      prepareRabbitClusterDir(nodes);
    }
    await Promise.all(nodes.filter((_, i) => !states[i].alive || !rejoin).map(startRabbitClusterNode));
    for (;;) {
      const now = await Promise.all(nodes.map((node) => rabbitClusterNodeState(node, names)));
      if (now.every(isHealthyRabbitNode)) break;
      if (Date.now() - started > RABBIT_CLUSTER_WAIT_MS) {
        const missing = nodes.filter((_, i) => !isHealthyRabbitNode(now[i])).map((node) => node.name);
        throw new Error(`${missing.join(", ")} did not answer as members of one cluster within ${RABBIT_CLUSTER_WAIT_MS / 1000} s (logs in ${path.relative(ROOT, TEST_RABBIT_CLUSTER_DIR)}/<port>/log/)`);
      }
      await sleep(500);
    }
  } catch (error) {
    throw new Error(`${label}  ${error.message}`);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  return `${label}  started (3 nodes in one cluster after ${seconds} s, files in ${path.relative(ROOT, TEST_RABBIT_CLUSTER_DIR)}/)`;
}

async function stopRabbitClusterNode(node) {
  const file = rabbitNodePidFile(node);
  const pid = fs.existsSync(file) ? readPid(file) : undefined;
  if (!pid || !isOurProcess(pid, TEST_RABBIT_CLUSTER_DIR)) return undefined;
  const { command, args, env } = rabbitCtlCommand(node, ["stop", file]);
  await run(command, args, { env, timeoutMs: 60_000 });
  if (isOurProcess(pid, TEST_RABBIT_CLUSTER_DIR)) process.kill(pid, "SIGKILL");
  return `rabbitmq-cluster node ${node.name} stopped (pid ${pid})`;
}

async function stopRabbitCluster() {
  if (!fs.existsSync(TEST_RABBIT_CLUSTER_DIR)) return undefined;
  const ports = fs.readdirSync(TEST_RABBIT_CLUSTER_DIR).filter((name) => /^\d+$/.test(name));
  const nodes = ports.map((port) => testRabbitClusterNodes({ RABBITMQ_CLUSTER_PORT_BASE: port })[0]);
  const lines = await Promise.all(nodes.map(stopRabbitClusterNode));
  fs.rmSync(TEST_RABBIT_CLUSTER_DIR, { recursive: true, force: true });
  return lines.filter(Boolean).join("\n") || undefined;
}

/**
 * Brings the services up, and with `redisCluster` the test Redis Cluster and RabbitMQ cluster, with
 * `ferretDbSqlite` the test FerretDB on SQLite; resolves to the exit code.
 */
export async function up({ redisCluster = false, ferretDbSqlite = false } = {}) {
  fs.mkdirSync(RUN_DIR, { recursive: true });
  const config = readConfig();
  const bringUps = SERVICES.map((service) => bringUp(service, config));
  if (redisCluster) bringUps.push(bringUpRedisCluster(config), bringUpRabbitCluster(config));
  if (ferretDbSqlite) bringUps.push(bringUpFerretDbSqlite(config));
  const results = await Promise.allSettled(bringUps);
  let failed = false;
  for (const result of results) {
    if (result.status === "fulfilled") console.log(result.value);
    else {
      failed = true;
      console.error(result.reason.message);
    }
  }
  if (failed) console.error("\nSome services are not available; see above for what to install (README.md, \"Prerequisites\").");
  return failed ? 1 : 0;
}

async function stopPid(name, program, file = pidFile(name)) {
  if (!fs.existsSync(file)) return undefined;
  const pid = readPid(file);
  fs.rmSync(file, { force: true });
  if (!pid || !isOurProcess(pid, program)) return `${name.padEnd(9)} was not running`;
  process.kill(pid, "SIGTERM");
  for (let i = 0; i < 100 && isAlive(pid); i++) await sleep(100);
  if (isAlive(pid)) process.kill(pid, "SIGKILL");
  return `${name.padEnd(9)} stopped (pid ${pid})`;
}

async function stopRabbit() {
  const file = path.join(RUN_DIR, "rabbitmq.node");
  if (!fs.existsSync(file)) return undefined;
  const node = fs.readFileSync(file, "utf8").trim();
  fs.rmSync(file, { force: true });
  const ctl = which("rabbitmqctl", ["/usr/sbin", "/usr/local/sbin", "/usr/lib/rabbitmq/bin"]);
  if (!ctl) return "rabbitmq  cannot be stopped: rabbitmqctl not found";
  const result = await run(ctl, [...(node ? ["-n", node] : []), "stop"], { timeoutMs: 60_000 });
  for (const leftover of fs.readdirSync(RUN_DIR).filter((name) => /^rabbitmq-\d+\.conf$/.test(name))) fs.rmSync(path.join(RUN_DIR, leftover));
  if (result.code === 0) return `rabbitmq  stopped (node ${node || "default"})`;
  return /not running/.test(result.output) ? "rabbitmq  was not running" : `rabbitmq  rabbitmqctl stop failed: ${result.output.trim()}`;
}

async function stopCompose(name) {
  const file = path.join(RUN_DIR, `${name}.compose`);
  if (!fs.existsSync(file)) return undefined;
  const composeService = fs.readFileSync(file, "utf8").trim();
  fs.rmSync(file, { force: true });
  const result = await run("docker", ["compose", "stop", composeService], { cwd: ROOT, timeoutMs: 120_000 });
  return result.code === 0 ? `${name.padEnd(9)} stopped (docker compose service ${composeService})` : `${name.padEnd(9)} docker compose stop failed: ${result.output.trim()}`;
}

export async function stop() {
  const lines = await Promise.all([
    stopPid("redis", "redis-server"),
    stopRabbit(),
    stopPid("ferretdb", "ferretdb"),
    stopRedisCluster(),
    stopFerretDbSqlite(),
    stopRabbitCluster(),
    ...SERVICES.map((service) => stopCompose(service.name)),
  ]);
  const said = lines.filter(Boolean);
  console.log(said.length ? said.join("\n") : "nothing to stop: no service was started by `services up`");
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const [command = "up", ...flags] = process.argv.slice(2);
  const redisCluster = flags.includes("--redis-cluster");
  const ferretDbSqlite = flags.includes("--ferretdb-sqlite");
  const known = new Set(["--redis-cluster", "--ferretdb-sqlite"]);
  if ((command !== "up" && command !== "stop") || flags.some((flag) => !known.has(flag)) || (flags.length && command !== "up")) {
    console.error("usage: node scripts/services.mjs [up [--redis-cluster] [--ferretdb-sqlite] | stop]");
    process.exit(2);
  }
  process.exitCode = await (command === "up" ? up({ redisCluster, ferretDbSqlite }) : stop());
}
