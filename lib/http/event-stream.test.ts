import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it, vi } from "vitest";
import { eventSourceOf, eventStreamResponse, type EventSink } from "@/lib/http/event-stream";
import { sendResponse } from "@/lib/http/node-adapter";

const encoder = new TextEncoder();

/** A source that writes one message at once and keeps its sink for more. */
function source() {
  const sinks: EventSink[] = [];
  const stop = vi.fn();
  const start = vi.fn((sink: EventSink) => {
    sinks.push(sink);
    sink.write(encoder.encode("event: status\ndata: {}\n\n"));
    return stop;
  });
  return { start, stop, sinks };
}

describe("one event stream for both hosts", () => {
  it("starts on Next's first read of the body, and stops when the client goes away", async () => {
    const events = source();
    const controller = new AbortController();
    const response = eventStreamResponse({ headers: new Headers(), body: null, signal: controller.signal }, events.start);
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    expect(events.start).not.toHaveBeenCalled();
    const reader = response.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("event: status\ndata: {}\n\n");
    events.sinks[0]!.write(encoder.encode("event: frontier\ndata: {}\n\n"));
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("event: frontier\ndata: {}\n\n");
    controller.abort();
    await reader.cancel();
    expect(events.start).toHaveBeenCalledTimes(1);
    expect(events.stop).toHaveBeenCalledTimes(1);
  });

  it("is written by server.ts straight to the node:http response, its body never read, and stops when the socket closes", async () => {
    const events = source();
    let answer: Response | null = null;
    const server = http.createServer((_request, out) => {
      answer = eventStreamResponse({ headers: new Headers(), body: null, signal: new AbortController().signal }, events.start);
      void sendResponse(answer, out);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const received: string[] = [];
    const request = http.get({ host: "127.0.0.1", port, path: "/" });
    const response = await new Promise<http.IncomingMessage>((resolve) => request.once("response", resolve));
    expect(response.headers["content-type"]).toBe("text/event-stream");
    response.setEncoding("utf8");
    response.on("data", (chunk: string) => received.push(chunk));
    await vi.waitFor(() => expect(received.join("")).toContain("event: status"));
    events.sinks[0]!.write(encoder.encode("event: frontier\ndata: {}\n\n"));
    await vi.waitFor(() => expect(received.join("")).toContain("event: frontier"));
    expect(eventSourceOf(answer!)).toBe(events.start);
    expect(answer!.bodyUsed).toBe(false);
    request.destroy();
    await vi.waitFor(() => expect(events.stop).toHaveBeenCalledTimes(1));
    server.close();
  });

  it("is not taken for an event stream when a route answers something else", () => {
    expect(eventSourceOf(Response.json({ ok: true }))).toBeNull();
  });
});
