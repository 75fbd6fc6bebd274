// The private 3-node RabbitMQ cluster of the cluster leg (scripts/services.mjs starts it): its
// nodes, a node crash, and the way back to three nodes.
import { execFile } from "node:child_process";
import fs from "node:fs";
import { promisify } from "node:util";
import { readConfig } from "../../../scripts/lib/dotenv.mjs";
import { rabbitCtlCommand, rabbitNodePidFile, testRabbitClusterNodes, type TestRabbitNode } from "../../../scripts/lib/test-rabbitmq-cluster.mjs";
import { isAlive } from "../../../scripts/lib/process.mjs";
import { bringUpRabbitCluster } from "../../../scripts/services.mjs";
import { waitFor } from "./harness";

const run = promisify(execFile);

/** The nodes in RABBITMQ_URL's order: the first is where every process of the test connects first. */
export function rabbitClusterNodes(): TestRabbitNode[] {
  return testRabbitClusterNodes(readConfig());
}

export type QuorumQueueState = { leader: string; members: string[]; online: string[] };

/** Where a quorum queue's leader and members are, as `rabbitmqctl list_queues` on `via` reports them. */
export async function quorumQueueState(queue: string, via: TestRabbitNode): Promise<QuorumQueueState> {
  const { command, args, env } = rabbitCtlCommand(via, ["list_queues", "name", "type", "leader", "members", "online", "--formatter", "json", "-q"]);
  const { stdout } = await run(command, args, { env, timeout: 60_000 });
  const rows = JSON.parse(stdout) as { name: string; type: string; leader: string; members: string[]; online: string[] }[];
  const row = rows.find((entry) => entry.name === queue);
  if (row?.type !== "quorum") throw new Error(`no quorum queue ${queue} on the test cluster (${JSON.stringify(row)})`);
  return { leader: row.leader, members: row.members, online: row.online };
}

/** Kills a node's Erlang VM outright (a crash: no connection is closed politely) and waits until it is gone. */
export async function crashRabbitNode(node: TestRabbitNode): Promise<void> {
  const pid = Number(fs.readFileSync(rabbitNodePidFile(node), "utf8"));
  process.kill(pid, "SIGKILL");
  await waitFor(() => !isAlive(pid), 30_000);
}

/**
 * Starts the missing node again, as `services.mjs up --redis-cluster` would (it rejoins with its
 * data), and waits until the three are one cluster again. In this process, not by running
 * `services.mjs up`: that would read this suite's RABBITMQ_URL (the cluster) as the broker to
 * start when its first node is down.
 */
export async function restoreRabbitCluster(): Promise<void> {
  await bringUpRabbitCluster(readConfig());
}
