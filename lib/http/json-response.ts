/** The text of each JSON answer made by jsonResponse, until its Response is collected. */
const jsonTexts = new WeakMap<Response, string>();

/**
 * `Response.json`, remembering the text it wrote: the custom server sends a hot route's answer in
 * one write with its length (sendResponse), instead of reading the body stream back chunk by
 * chunk and ending it as a chunked reply. Next's host reads the body as from any Response.
 */
export function jsonResponse(data: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  const text = JSON.stringify(data);
  const response = new Response(text, { status: init.status, headers: { "content-type": "application/json", ...init.headers } });
  jsonTexts.set(response, text);
  return response;
}

/** The JSON text of a Response that jsonResponse made, or undefined for any other. */
export function jsonTextOf(response: Response): string | undefined {
  return jsonTexts.get(response);
}
