import http from "node:http";
import type { Answer, UserClient } from "./load";

type Reply = { status: number; body: string };

/** A keep-alive HTTP/1.1 client with at most `sockets` connections (one per concurrent user slot). */
export function createHttpTransport(port: number, sockets: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });
  const send = (method: string, path: string, headers: Record<string, string>): Promise<Reply> =>
    new Promise((resolve) => {
      const request = http.request({ host: "127.0.0.1", port, method, path, agent, headers: { ...headers, "content-length": "0" } }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
        response.on("error", () => resolve({ status: 0, body: "" }));
      });
      request.setTimeout(30_000, () => request.destroy(new Error("timeout")));
      request.on("error", (error: Error) => resolve({ status: 0, body: JSON.stringify({ error: { code: `transport:${error.message}` } }) }));
      request.end();
    });
  return { send, close: () => agent.destroy() };
}

function parse(body: string): Record<string, unknown> {
  try {
    return JSON.parse(body) as Record<string, unknown>;
  } catch {
    return {};
  }
}

function errorCode(json: Record<string, unknown>): string | null {
  const error = json.error as { code?: unknown } | undefined;
  return typeof error?.code === "string" ? error.code : null;
}

export type HttpUsers = { saleId: string; cookieOf: (user: number) => string; ipOf: (user: number) => string };

/** Simulated signed-in users talking to the real web server: session cookie, X-Forwarded-For. */
export function createHttpUserClient(transport: ReturnType<typeof createHttpTransport>, users: HttpUsers): UserClient {
  const headersOf = (user: number) => ({ cookie: users.cookieOf(user), "x-forwarded-for": users.ipOf(user), "user-agent": "flashsale-bench/1" });
  return {
    async postIntent(user) {
      const reply = await transport.send("POST", `/api/sales/${users.saleId}/intents`, headersOf(user));
      const json = parse(reply.body);
      const answer: Answer = { status: reply.status, code: reply.status === 202 ? null : (errorCode(json) ?? `http_${reply.status}`) };
      if (reply.status === 202) answer.ticket = Number(json.ticket);
      return answer;
    },
    async pollStatus(user) {
      const reply = await transport.send("GET", `/api/sales/${users.saleId}/status`, headersOf(user));
      const json = parse(reply.body);
      return { status: reply.status, code: errorCode(json), state: typeof json.state === "string" ? json.state : undefined };
    },
  };
}
