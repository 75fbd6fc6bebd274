import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { ChainableCommander, Redis } from "ioredis";

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
  | "release-lock";

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

/** Runs a script by its SHA, loading it into Redis the first time (or after a SCRIPT FLUSH). */
export async function runScript<T = unknown>(client: Redis, name: ScriptName, keys: string[], args: (string | number)[]): Promise<T> {
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
 * Runs many script calls in one round trip, in order. If Redis lost its script cache, every call
 * of the pipeline failed with NOSCRIPT before doing anything, so loading and retrying is safe.
 */
export async function runScriptsPipelined<T = unknown>(client: Redis, calls: ScriptCall[]): Promise<T[]> {
  const send = async () => {
    const pipeline: ChainableCommander = client.pipeline();
    for (const call of calls) pipeline.evalsha(load(call.name).sha, call.keys.length, ...call.keys, ...call.args);
    return (await pipeline.exec()) ?? [];
  };
  let replies = await send();
  if (replies.some(([error]) => isNoScript(error))) {
    for (const name of new Set(calls.map((call) => call.name))) await client.script("LOAD", load(name).source);
    replies = await send();
  }
  return replies.map(([error, value]) => {
    if (error) throw error;
    return value as T;
  });
}
