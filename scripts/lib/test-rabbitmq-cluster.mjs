// The private RabbitMQ cluster the cluster test leg runs against: where its files live and how its
// programs are run. scripts/services.mjs starts and stops it; the tests stop and restart nodes.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { RUN_DIR } from "./dotenv.mjs";

export { testRabbitClusterNodes, testRabbitClusterUrls } from "./test-cluster-ports.mjs";

/** `<dir>/<port>/` per node (mnesia/, log/, pid); `<dir>/home/.erlang.cookie` and the config, shared. */
export const TEST_RABBIT_CLUSTER_DIR = path.join(RUN_DIR, "rabbitmq-cluster");
const HOME = path.join(TEST_RABBIT_CLUSTER_DIR, "home");
const CONFIG_FILE = path.join(TEST_RABBIT_CLUSTER_DIR, "rabbitmq.conf");
const PLUGINS_FILE = path.join(TEST_RABBIT_CLUSTER_DIR, "enabled_plugins");
const BROKER_USER = "rabbitmq";

export function rabbitNodeDir(node) {
  return path.join(TEST_RABBIT_CLUSTER_DIR, String(node.port));
}

export function rabbitNodePidFile(node) {
  return path.join(rabbitNodeDir(node), "pid");
}

/**
 * The nodes this one knows as cluster members (RabbitMQ 3.x keeps them in cluster_nodes.config):
 * a file read instead of a `rabbitmqctl cluster_status`, which boots an Erlang VM and takes
 * 5-12 s on a loaded 2-core machine.
 */
export function rabbitNodeMembers(node) {
  try {
    const text = fs.readFileSync(path.join(rabbitNodeDir(node), "mnesia", node.name, "cluster_nodes.config"), "utf8");
    return [...text.matchAll(/[\w.-]+@[\w.-]+/g)].map((match) => match[0]);
  } catch {
    return [];
  }
}

/** The real scripts, not Debian's /usr/sbin wrappers (run as root, they switch user through `su` and drop the environment). */
export function rabbitProgram(name) {
  for (const dir of ["/usr/lib/rabbitmq/bin", "/opt/homebrew/sbin", "/usr/local/sbin", "/usr/sbin"]) {
    const candidate = path.join(dir, name);
    if (fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** The rabbitmq account's uid and gid, when this process is root and the account exists. */
function brokerAccount() {
  if (process.getuid?.() !== 0) return undefined;
  const line = fs
    .readFileSync("/etc/passwd", "utf8")
    .split("\n")
    .find((entry) => entry.startsWith(`${BROKER_USER}:`));
  if (!line) return undefined;
  const [, , uid, gid] = line.split(":");
  return { uid: Number(uid), gid: Number(gid) };
}

/**
 * How to run a RabbitMQ program with `vars` and the cluster's own cookie (HOME): as the rabbitmq
 * user when we are root (RabbitMQ's files must not be root's), else as ourselves.
 */
export function brokerCommand(program, args, vars = {}) {
  const env = { HOME, ...vars };
  if (!brokerAccount()) return { command: program, args, env: { ...process.env, ...env } };
  const assignments = Object.entries(env).map(([name, value]) => `${name}=${value}`);
  return { command: "runuser", args: ["-u", BROKER_USER, "--", "env", ...assignments, program, ...args], env: process.env };
}

/** `rabbitmqctl -n <node> …` (or another CLI program, such as rabbitmq-queues) against one node. */
export function rabbitCtlCommand(node, args, program = "rabbitmqctl") {
  const binary = rabbitProgram(program);
  if (!binary) throw new Error(`${program} is not installed`);
  return brokerCommand(binary, ["-n", node.name, ...args]);
}

/** The environment that makes `rabbitmq-server` this node, with its files under its own directory. */
export function rabbitNodeEnv(node) {
  const dir = rabbitNodeDir(node);
  return {
    RABBITMQ_NODENAME: node.name,
    RABBITMQ_NODE_IP_ADDRESS: "127.0.0.1",
    RABBITMQ_NODE_PORT: String(node.port),
    RABBITMQ_DIST_PORT: String(node.distPort),
    RABBITMQ_MNESIA_BASE: path.join(dir, "mnesia"),
    RABBITMQ_LOG_BASE: path.join(dir, "log"),
    RABBITMQ_PID_FILE: rabbitNodePidFile(node),
    RABBITMQ_CONFIG_FILE: CONFIG_FILE,
    RABBITMQ_ADVANCED_CONFIG_FILE: path.join(TEST_RABBIT_CLUSTER_DIR, "advanced.config"),
    RABBITMQ_ENABLED_PLUGINS_FILE: PLUGINS_FILE,
  };
}

/**
 * A fresh directory for the cluster: the shared config (classic peer discovery from the node list,
 * so three nodes started at once form one cluster), no plugins, a cookie of its own (the machine's
 * broker and CLI never talk to these nodes by accident), a directory per node; all owned by the
 * user the nodes run as.
 */
export function prepareRabbitClusterDir(nodes) {
  fs.rmSync(TEST_RABBIT_CLUSTER_DIR, { recursive: true, force: true });
  fs.mkdirSync(HOME, { recursive: true });
  const peers = nodes.map((node, i) => `cluster_formation.classic_config.nodes.${i + 1} = ${node.name}`);
  fs.writeFileSync(CONFIG_FILE, ["cluster_formation.peer_discovery_backend = classic_config", ...peers, ""].join("\n"));
  fs.writeFileSync(PLUGINS_FILE, "[].\n");
  const cookie = path.join(HOME, ".erlang.cookie");
  fs.writeFileSync(cookie, randomBytes(20).toString("hex").toUpperCase());
  fs.chmodSync(cookie, 0o400);
  for (const node of nodes) fs.mkdirSync(rabbitNodeDir(node));
  const account = brokerAccount();
  if (account) chownTree(TEST_RABBIT_CLUSTER_DIR, account);
}

function chownTree(target, { uid, gid }) {
  fs.chownSync(target, uid, gid);
  if (!fs.statSync(target).isDirectory()) return;
  for (const entry of fs.readdirSync(target)) chownTree(path.join(target, entry), { uid, gid });
}
