import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import path from "node:path";

type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] };

export type ProfileEntry = { name: string; selfMs: number; share: number };
export type ProfileSummary = { file: string; totalMs: number; topFunctions: ProfileEntry[]; topModules: ProfileEntry[] };

/** Where a frame's code comes from: a package, a Next chunk, node internals, or the app. */
function moduleOf(url: string): string {
  if (!url) return "(native / V8)";
  if (url.startsWith("node:")) return url;
  const packageMatch = /node_modules\/((?:@[^/]+\/)?[^/]+)(\/dist\/[^/]+(?:\/[^/]+)?)?/.exec(url);
  if (packageMatch) return `${packageMatch[1]}${packageMatch[1] === "next" && packageMatch[2] ? packageMatch[2] : ""}`;
  if (url.includes("/.next/")) return `.next/${url.split("/.next/")[1]?.split("/").slice(0, 2).join("/")}`;
  return path.relative(process.cwd(), url.replace(/^file:\/\//, ""));
}

/** Profiles this process until the returned stop function writes `<dir>/<name>.cpuprofile`. */
export function profileThisProcess(dir: string, name: string): () => Promise<void> {
  const session = new Session();
  session.connect();
  session.post("Profiler.enable");
  session.post("Profiler.start");
  return () =>
    new Promise((resolve, reject) => {
      session.post("Profiler.stop", (error, result) => {
        session.disconnect();
        if (error) return reject(error);
        mkdirSync(dir, { recursive: true });
        writeFileSync(path.join(dir, `${name}.cpuprofile`), JSON.stringify(result.profile));
        resolve();
      });
    });
}

/**
 * Self time by function and by module of the largest .cpuprofile in `dir`: V8 writes one per
 * thread, and the main thread's is the big one (tsx's loader thread writes a small one). With
 * `lastMs`, only the samples of the profile's last `lastMs` count (a process profiled from its
 * start, whose start-up and warm-up are not what is measured).
 */
export function summarizeProfile(dir: string, top = 15, lastMs = Infinity): ProfileSummary | null {
  if (!existsSync(dir)) return null;
  const sizes = readdirSync(dir)
    .filter((name) => name.endsWith(".cpuprofile"))
    .map((name) => ({ name, size: statSync(path.join(dir, name)).size }))
    .sort((a, b) => b.size - a.size);
  const file = sizes[0]?.name;
  if (!file) return null;
  const profile = JSON.parse(readFileSync(path.join(dir, file), "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  const from = profile.endTime - lastMs * 1000;
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (at >= from) selfUs.set(id, (selfUs.get(id) ?? 0) + delta);
  });

  const functions = new Map<string, number>();
  const modules = new Map<string, number>();
  let totalUs = 0;
  let idleUs = 0;
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    totalUs += us;
    if (frame.functionName === "(idle)") {
      idleUs += us;
      continue;
    }
    const where = moduleOf(frame.url);
    const name = `${frame.functionName || "(anonymous)"} ${where}${frame.url ? `:${frame.lineNumber + 1}` : ""}`;
    functions.set(name, (functions.get(name) ?? 0) + us);
    modules.set(where, (modules.get(where) ?? 0) + us);
  }
  const busyUs = Math.max(1, totalUs - idleUs);
  const ranked = (entries: Map<string, number>) =>
    [...entries]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, selfMs: Math.round(us / 1000), share: Math.round((us / busyUs) * 1000) / 10 }));
  return { file: path.join(dir, file), totalMs: Math.round(busyUs / 1000), topFunctions: ranked(functions), topModules: ranked(modules) };
}

/** A profile's top functions and modules as markdown tables under a heading. */
export function profileMarkdown(name: string, profile: ProfileSummary): string[] {
  const ms = (value: number) => value.toLocaleString("en-US");
  return [
    "",
    `## CPU profile: ${name} (self time, ${ms(profile.totalMs)} ms busy)`,
    "",
    "| Function | Self ms | Share |",
    "| --- | --- | --- |",
    ...profile.topFunctions.map((f) => `| \`${f.name}\` | ${ms(f.selfMs)} | ${f.share}% |`),
    "",
    "| Module | Self ms | Share |",
    "| --- | --- | --- |",
    ...profile.topModules.map((f) => `| \`${f.name}\` | ${ms(f.selfMs)} | ${f.share}% |`),
  ];
}
