import { spawn, type ChildProcess } from "node:child_process";
import { Agent, request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { freePort, waitFor } from "./harness";

/** The app as users reach it: `tsx server.ts` (production build) on a port of its own, with the suite's environment. */
export type ServedApp = { port: number; output: () => string; stop: () => Promise<void> };

async function run(command: string, args: string[]): Promise<void> {
  const child = spawn(command, args, { stdio: "inherit" });
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0) throw new Error(`${command} ${args.join(" ")} exited with ${code}`);
}

/** Builds when the sources changed since the last build, then starts the web host and waits until it answers. */
export async function startServedApp(): Promise<ServedApp> {
  await run(process.execPath, ["scripts/lib/next-build.mjs"]);
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    env: { ...process.env, NODE_ENV: "production", SERVICE_NAME: "web", PORT: String(port), HOSTNAME: "127.0.0.1", NEXTAUTH_URL: `http://127.0.0.1:${port}` },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  process.once("exit", () => child.kill("SIGKILL"));
  await waitFor(async () => {
    if (child.exitCode !== null) throw new Error(`server.ts exited with ${child.exitCode}:\n${output}`);
    const response = await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => null);
    return response?.ok ?? false;
  }, 60_000, 250);
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  };
  return { port, output: () => output, stop };
}

export type RawRequest = {
  method?: string;
  /** Sent as it is, not normalized the way fetch() would (`%zz`, `%u002e` stay). */
  target: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Send the body and never end the request: the answer must come without the rest of it. */
  leaveOpen?: boolean;
  /** On a connection of its own, not a kept-alive one. */
  fresh?: boolean;
};

export type RawAnswer = { status: number; headers: IncomingHttpHeaders; text: string };

const agent = new Agent({ keepAlive: true, maxSockets: 8 });

/** One HTTP request over node:http. A live stream (SSE) is closed as soon as its headers arrive. */
export function sendRaw(app: ServedApp, raw: RawRequest, timeoutMs = 30_000): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { host: "127.0.0.1", port: app.port, method: raw.method ?? "GET", path: raw.target, headers: raw.headers, agent: raw.leaveOpen || raw.fresh ? false : agent },
      (response) => {
        const chunks: Buffer[] = [];
        const finish = () => resolve({ status: response.statusCode!, headers: response.headers, text: Buffer.concat(chunks).toString("utf8") });
        if (String(response.headers["content-type"]).startsWith("text/event-stream")) {
          response.destroy();
          request.destroy();
          finish();
          return;
        }
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          if (raw.leaveOpen) request.destroy();
          finish();
        });
        response.on("error", reject);
      },
    );
    request.setTimeout(timeoutMs, () => request.destroy(new Error(`no answer to ${raw.method ?? "GET"} ${raw.target} within ${timeoutMs} ms`)));
    request.on("error", reject);
    if (raw.body !== undefined) request.write(raw.body);
    if (!raw.leaveOpen) request.end();
  });
}

// Tests read answers field by field; the shapes vary per route.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const jsonOf = (answer: RawAnswer): any => JSON.parse(answer.text);
