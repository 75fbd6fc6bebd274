/**
 * What the hot route handlers (intent, status, events, frontier) read from a request. Next's
 * `NextRequest` satisfies it, and so does the custom server's adapter (`node-handler-request.ts`),
 * which serves these paths without building an undici Request: the route file stays the one
 * implementation whichever host calls it.
 */
export type HandlerRequest = {
  headers: { get(name: string): string | null };
  /** Read with a cap by readBody (lib/http/read-body.ts), never whole. */
  body: ReadableStream<Uint8Array> | null;
  /** Aborted when the client goes away (ends a live stream). */
  signal: AbortSignal;
};

/** The route's dynamic segments, as Next passes them. */
export type SaleRouteContext = { params: Promise<{ saleId: string }> };
