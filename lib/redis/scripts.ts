import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { ChainableCommander } from "ioredis";
import type { RedisClient } from "@/lib/redis/client";

export type ScriptName =
  | "admit"
  | "unadmit"
  | "reserve"
  | "release-hold"
  | "confirm-hold"
  | "clear-outbox"
  | "adjust-stock"
  | "close-waitlist"
  | "draw-prequeue"
  | "publish-sale"
  | "rebuild-sale"
  | "renew-lock"
  | "release-lock"
  | "claim-booking-queues"
  | "rate-limit";

type LoadedScript = { source: string; sha: string };

const SCRIPT_DIR = path.join(process.cwd(), "lib", "redis", "scripts");
const loaded = new Map<ScriptName, LoadedScript>();

function load(name: ScriptName): LoadedScript {
  let script = loaded.get(name);
  if (!script) {
    // Redis scripts cannot include one another, so the shared helpers are prepended.
    const source = `${readFileSync(path.join(SCRIPT_DIR, "_common.lua"), "utf8")}\n${readFileSync(path.join(SCRIPT_DIR, `${name}.lua`), "utf8")}`;
    script = { source, sha: createHash("sha1").update(source).digest("hex") };
    loaded.set(name, script);
  }
  return script;
}

function isNoScript(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith("NOSCRIPT");
}

/**
 * Runs a script by its SHA; where Redis lacks it (first use, a SCRIPT FLUSH, a new or failed-over
 * cluster node), EVAL with the source runs it and caches it. The EVAL carries the same keys, so on
 * a cluster it goes to the very node that answered NOSCRIPT: each master loads what it runs.
 */
export async function runScript<T = unknown>(client: RedisClient, name: ScriptName, keys: string[], args: (string | number)[]): Promise<T> {
  const { source, sha } = load(name);
  try {
    return (await client.evalsha(sha, keys.length, ...keys, ...args)) as T;
  } catch (error) {
    if (!isNoScript(error)) throw error;
    return (await client.eval(source, keys.length, ...keys, ...args)) as T;
  }
}

export type ScriptCall = { name: ScriptName; keys: string[]; args: (string | number)[] };

/**
 * Runs many script calls of one sale in one round trip, in order (on a cluster, one slot: one
 * node). If Redis lost its script cache, every call of the pipeline failed with NOSCRIPT before
 * doing anything, so the pipeline is sent again as EVALs, which reach the same node and load the
 * scripts there (SCRIPT LOAD without a key would go to a random node of a cluster).
 */
export async function runScriptsPipelined<T = unknown>(client: RedisClient, calls: ScriptCall[]): Promise<T[]> {
  const send = async (bySource: boolean) => {
    const pipeline: ChainableCommander = client.pipeline();
    for (const call of calls) {
      const { source, sha } = load(call.name);
      if (bySource) pipeline.eval(source, call.keys.length, ...call.keys, ...call.args);
      else pipeline.evalsha(sha, call.keys.length, ...call.keys, ...call.args);
    }
    return (await pipeline.exec()) ?? [];
  };
  let replies = await send(false);
  if (replies.some(([error]) => isNoScript(error))) replies = await send(true);
  return replies.map(([error, value]) => {
    if (error) throw error;
    return value as T;
  });
}
