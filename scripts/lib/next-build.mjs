// `next build` only when the sources are newer than the last build, one build at a time per checkout
// (`npm start` and the e2e harness share .next/).
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT, RUN_DIR } from "./dotenv.mjs";
import { isAlive } from "./process.mjs";

const BUILD_ID = path.join(ROOT, ".next", "BUILD_ID");
/** Newest source mtime seen when the last build started; edits made during a build count as new. */
const STAMP = path.join(ROOT, ".next", "source-stamp");
const LOCK_DIR = path.join(RUN_DIR, "next-build.lock");
const LOCK_WAIT_MS = 15 * 60_000;

// Folders whose files never reach the Next bundle (tests, tooling, the worker's own entry point).
const IGNORED = new Set(["node_modules", ".next", ".git", ".tools", ".data", ".run", ".ci", "e2e", "tests", "bench", "scripts", "worker", "test-results", "playwright-report", "coverage"]);

function newestSourceMtime(dir = ROOT) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (IGNORED.has(entry.name) || entry.name.startsWith(".env") || entry.name === "next-env.d.ts") continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceMtime(full));
    else if (entry.isFile() && !/\.(test|spec)\.tsx?$|\.md$|\.tsbuildinfo$/.test(entry.name)) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

export function isBuildStale() {
  if (!fs.existsSync(BUILD_ID)) return true;
  // A plain `next build` leaves no stamp; the build's own finish time is the next best thing.
  const builtFrom = fs.existsSync(STAMP) ? Number(fs.readFileSync(STAMP, "utf8")) : fs.statSync(BUILD_ID).mtimeMs;
  return newestSourceMtime() > builtFrom;
}

async function acquireLock() {
  const deadline = Date.now() + LOCK_WAIT_MS;
  let announced = false;
  for (;;) {
    try {
      fs.mkdirSync(LOCK_DIR, { recursive: false });
      fs.writeFileSync(path.join(LOCK_DIR, "pid"), String(process.pid));
      return;
    } catch (error) {
      if (error.code !== "EEXIST") throw error;
    }
    const owner = Number.parseInt(fs.readFileSync(path.join(LOCK_DIR, "pid"), { encoding: "utf8", flag: "a+" }), 10);
    if (!owner || !isAlive(owner)) {
      fs.rmSync(LOCK_DIR, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`another next build (pid ${owner}) still holds ${LOCK_DIR}`);
    if (!announced) console.log(`build     waiting for another next build (pid ${owner}) to finish`);
    announced = true;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** Runs `next build` if the sources changed since the last one; rejects when the build fails. */
export async function buildIfStale() {
  if (!isBuildStale()) {
    console.log("build     .next is up to date");
    return;
  }
  fs.mkdirSync(RUN_DIR, { recursive: true });
  await acquireLock();
  try {
    if (!isBuildStale()) return; // built by whoever held the lock
    console.log("build     next build ...");
    const newest = newestSourceMtime();
    const code = await new Promise((resolve) => {
      const child = spawn(path.join(ROOT, "node_modules", ".bin", "next"), ["build"], { cwd: ROOT, stdio: "inherit" });
      child.on("error", () => resolve(-1));
      child.on("close", (exitCode) => resolve(exitCode ?? -1));
    });
    if (code !== 0) throw new Error(`next build failed (exit ${code})`);
    fs.writeFileSync(STAMP, String(newest));
  } finally {
    fs.rmSync(LOCK_DIR, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  try {
    await buildIfStale();
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
