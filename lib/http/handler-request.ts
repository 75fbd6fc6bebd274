/**
 * What the hot route handlers (intent, status, events, frontier) read from a request. Next's
 * `NextRequest` satisfies it, and so does the custom server's adapter (`node-handler-request.ts`),
 * which serves these paths without building an undici Request: the route file stays the one
 * implementation whichever host calls it.
 */
export type HandlerRequest = {
  headers: { get(name: string): string | null };
  text(): Promise<string>;
  /** Aborted when the client goes away (ends a live stream). */
  signal: AbortSignal;
};

/** The route's dynamic segments, as Next passes them. */
export type SaleRouteContext = { params: Promise<{ saleId: string }> };
