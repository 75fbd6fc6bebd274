import http from "node:http";
import { solveChallenge, type Challenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/sha";
import { encodeProof } from "@/lib/domain/admission/proof-payload";
import type { Answer, UserClient } from "./load";

type Reply = { status: number; body: string };

/** A keep-alive HTTP/1.1 client with at most `sockets` connections (one per concurrent user slot). */
export function createHttpTransport(port: number, sockets: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });
  const send = (method: string, path: string, headers: Record<string, string>, body = ""): Promise<Reply> =>
    new Promise((resolve) => {
      const length = { "content-length": String(Buffer.byteLength(body)), ...(body ? { "content-type": "application/json" } : {}) };
      const request = http.request({ host: "127.0.0.1", port, method, path, agent, headers: { ...headers, ...length } }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
        response.on("error", () => resolve({ status: 0, body: "" }));
      });
      request.setTimeout(30_000, () => request.destroy(new Error("timeout")));
      request.on("error", (error: Error) => resolve({ status: 0, body: JSON.stringify({ error: { code: `transport:${error.message}` } }) }));
      request.end(body);
    });
  return { send, close: () => agent.destroy() };
}

export type HttpTransport = ReturnType<typeof createHttpTransport>;

/** Several servers behind one client: each request goes to the next, round robin, as a load balancer sends them. */
export function roundRobin(transports: HttpTransport[]): HttpTransport {
  let next = 0;
  return {
    send: (method, path, headers, body) => transports[next++ % transports.length]!.send(method, path, headers, body),
    close: () => transports.forEach((transport) => transport.close()),
  };
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

export type HttpUsers = {
  saleId: string;
  cookieOf: (user: number) => string;
  ipOf: (user: number) => string;
  /** Fetch and solve the sale's proof-of-work challenge before each intent, as browsers do (not against the bare baseline). */
  solvesChallenges?: boolean;
  /** A proof solved beforehand from the challenge the page brought: the Buy is then one POST. */
  proofOf?: (user: number) => string;
};

const refusalOf = (reply: Reply, json: Record<string, unknown>): Answer => ({ status: reply.status, code: errorCode(json) ?? `http_${reply.status}` });

/** Simulated signed-in users talking to the real web server: session cookie, X-Forwarded-For. */
export function createHttpUserClient(transport: HttpTransport, users: HttpUsers): UserClient {
  const headersOf = (user: number) => ({ cookie: users.cookieOf(user), "x-forwarded-for": users.ipOf(user), "user-agent": "flashsale-bench/1" });

  /** The intent's body: `{proof}` for a freshly solved challenge, or the refusal of the challenge. */
  async function intentBody(user: number): Promise<{ body: string } | { refused: Answer }> {
    if (users.proofOf) return { body: JSON.stringify({ proof: users.proofOf(user) }) };
    if (!users.solvesChallenges) return { body: "" };
    const reply = await transport.send("GET", `/api/sales/${users.saleId}/challenge`, headersOf(user));
    const json = parse(reply.body);
    if (reply.status !== 200) return { refused: refusalOf(reply, json) };
    const challenge = json as unknown as Challenge;
    const solution = await solveChallenge({ challenge, deriveKey });
    if (!solution) return { refused: { status: 0, code: "proof_unsolved" } };
    return { body: JSON.stringify({ proof: encodeProof(challenge, solution) }) };
  }

  return {
    async postIntent(user) {
      const prepared = await intentBody(user);
      if ("refused" in prepared) return prepared.refused;
      const reply = await transport.send("POST", `/api/sales/${users.saleId}/intents`, headersOf(user), prepared.body);
      const json = parse(reply.body);
      if (reply.status !== 202) return refusalOf(reply, json);
      return { status: 202, code: null, ticket: Number(json.ticket) };
    },
    async pollStatus(user) {
      const reply = await transport.send("GET", `/api/sales/${users.saleId}/status`, headersOf(user));
      const json = parse(reply.body);
      return { status: reply.status, code: errorCode(json), state: typeof json.state === "string" ? json.state : undefined };
    },
  };
}
