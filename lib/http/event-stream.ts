import type { HandlerRequest } from "@/lib/http/handler-request";

/** Where a Server-Sent Events stream writes, whichever host carries it. */
export type EventSink = { write(chunk: Uint8Array): void };

/** Starts a stream writing into a sink; returns its stop, called once, when the client has gone. */
export type EventSource = (sink: EventSink) => () => void;

const EVENT_STREAM_HEADERS = { "Content-Type": "text/event-stream", "Cache-Control": "no-cache, no-transform", Connection: "keep-alive", "X-Accel-Buffering": "no" };

/** The source behind each event-stream Response, for a host that writes to its socket itself. */
const sources = new WeakMap<Response, EventSource>();

/**
 * A Server-Sent Events answer. Next reads its body: a ReadableStream that starts the source on the
 * first read. server.ts never reads it: it takes the source (eventSourceOf) and lets it write to
 * the node:http response itself, so no ReadableStream, reader and undici Response stay alive per
 * stream (most of a waiting shopper's web memory). Either way the route is written once.
 */
export function eventStreamResponse(request: HandlerRequest, source: EventSource): Response {
  let stop: (() => void) | null = null;
  const finish = () => {
    const stopping = stop;
    stop = () => {};
    stopping?.();
  };
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (stop) return;
        stop = source({ write: (chunk) => controller.enqueue(chunk) });
        request.signal.addEventListener("abort", finish, { once: true });
      },
      cancel: finish,
    },
    // Nothing is started before the first read: a host that takes the source never pays for it.
    { highWaterMark: 0 },
  );
  const response = new Response(body, { headers: EVENT_STREAM_HEADERS });
  sources.set(response, source);
  return response;
}

/** The source of an event-stream Response (eventStreamResponse), or null for any other answer. */
export function eventSourceOf(response: Response): EventSource | null {
  return sources.get(response) ?? null;
}
