import { DomainError } from "@/lib/errors/domain-error";
import type { HandlerRequest } from "@/lib/http/handler-request";

/** The largest body an API route reads. Every body the API takes is a few hundred bytes. */
export const MAX_BODY_BYTES = 16 * 1024;

// A refusal before the end of the body leaves the rest of it on the connection, where the next
// request of a kept-alive connection would wait behind it: the connection closes after the answer.
const UNREAD = { closeConnection: true };
const tooLarge = () => new DomainError("payload_too_large", `The request body is over ${MAX_BODY_BYTES / 1024} KB.`, UNREAD);

/** The media type of a Content-Type header, without its parameters (`application/json; charset=utf-8` → `application/json`). */
export const mediaType = (contentType: string | null) => (contentType ?? "").split(";")[0]!.trim().toLowerCase();

/**
 * A request's body as text, read with a cap: a declared Content-Length over it is refused before
 * any byte is read, and a stream that runs over it is left unread from there on (cancelling would
 * reset the connection before the 413 is sent). A non-empty body of a media type the route does
 * not take is a 415; bytes that are not UTF-8 are a 400.
 */
export async function readBody(request: Pick<HandlerRequest, "headers" | "body">, accepts: (mediaType: string) => boolean, acceptedNames: string): Promise<string> {
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) throw tooLarge();
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      if (size === 0 && chunk.value.length > 0 && !accepts(mediaType(request.headers.get("content-type")))) {
        throw new DomainError("unsupported_media_type", `Send the body as ${acceptedNames}.`, UNREAD);
      }
      size += chunk.value.length;
      if (size > MAX_BODY_BYTES) throw tooLarge();
      chunks.push(chunk.value);
    }
  } finally {
    reader.releaseLock();
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new DomainError("bad_request", "The request body is not UTF-8 text.");
  }
}
