import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import type { Actor } from "@/lib/domain/admin/actor";
import { createSale } from "@/lib/domain/sales/create-sale";
import type { SaleFormPayload } from "@/lib/domain/sales/sale-input";

export const MARKETER: Actor = { id: "admin-test-marketer", email: "marketer@test.local" };

/** A valid sale form, starting in an hour and lasting one, with fields overridable. */
export function saleForm(overrides: Partial<SaleFormPayload> = {}): SaleFormPayload {
  const now = Date.now();
  return {
    name: `Admin test ${randomUUID().slice(0, 8)}`,
    description: "A limited drop.",
    image: "",
    price: 49.9,
    currency: "EUR",
    stock: 5,
    startsAt: new Date(now + 3_600_000).toISOString(),
    endsAt: new Date(now + 7_200_000).toISOString(),
    holdSeconds: 300,
    waitlistMax: 10,
    ...overrides,
  };
}

/** A draft sale created through the domain code, as a marketer would. */
export async function draftSale(overrides: Partial<SaleFormPayload> = {}): Promise<string> {
  return (await createSale(saleForm(overrides), MARKETER)).id;
}

type Handler<P> = (request: NextRequest, context: { params: Promise<P> }) => Promise<Response>;

/**
 * Calls a route handler with a raw Response back (for streams and CSV). The request's signal is
 * aborted by `abort`, as Next does when the client goes away.
 */
export async function callRaw<P extends Record<string, string>>(
  handler: Handler<P>,
  path: string,
  params: P,
  options: { method?: string; cookie?: string | null; body?: unknown } = {},
): Promise<{ response: Response; abort: () => void }> {
  const controller = new AbortController();
  const headers = new Headers({ "content-type": "application/json", "x-forwarded-for": "10.9.0.1", "user-agent": "vitest" });
  if (options.cookie) headers.set("cookie", options.cookie);
  const request = new NextRequest(new URL(path, "http://localhost:3000"), {
    method: options.method ?? "GET",
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: controller.signal,
  });
  const response = await handler(request, { params: Promise.resolve(params) });
  return { response, abort: () => controller.abort() };
}

/** Reads a stream until `done` says enough (or it ends), then cancels it. */
export async function readStreamUntil(body: ReadableStream<Uint8Array>, done: (text: string) => boolean): Promise<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  for (;;) {
    const { value, done: ended } = await reader.read();
    if (value) text += decoder.decode(value, { stream: true });
    if (ended || done(text)) break;
  }
  await reader.cancel();
  return text;
}
