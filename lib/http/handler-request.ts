/**
 * What the hot route handlers (intent, status, events, frontier) read from a request. Next's
 * `NextRequest` satisfies it, and so does the custom server's adapter (`node-handler-request.ts`),
 * which serves these paths without building an undici Request: the route file stays the one
 * implementation whichever host calls it.
 */
export type HandlerRequest = {
  headers: { get(name: string): string | null };
  /** Read with a cap by readBody (lib/http/read-body.ts), never whole. */
  body: RequestBody | null;
  /** Aborted when the client goes away (ends a live stream). */
  signal: AbortSignal;
};

/**
 * What readBody asks of a body: a reader of its chunks, released (never cancelled) when it stops.
 * A web ReadableStream is one (Next's request); the custom server reads node's stream directly.
 */
export type RequestBody = {
  getReader(): { read(): Promise<{ done: true; value?: Uint8Array } | { done: false; value: Uint8Array }>; releaseLock(): void };
};

/** The route's dynamic segments, as Next passes them. */
export type SaleRouteContext = { params: Promise<{ saleId: string }> };
