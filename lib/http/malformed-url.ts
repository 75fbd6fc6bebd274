/**
 * Whether a request target cannot be decoded: bad percent-encoding (`%zz`, a lone `%`), bytes that
 * are not UTF-8 (`%ff%fe`, overlong `%C0%AE`, surrogates `%ED%A0%80`), or a NUL byte anywhere.
 * Next fails on these before any app code runs and answers a bare 500, so the host checks first.
 */
export function isMalformedUrl(target: string): boolean {
  const queryStart = target.indexOf("?");
  const path = queryStart === -1 ? target : target.slice(0, queryStart);
  const query = queryStart === -1 ? "" : target.slice(queryStart + 1);
  try {
    if (decodeURIComponent(path).includes("\u0000")) return true;
    for (const part of query.split("&")) {
      if (decodeURIComponent(part.replace(/\+/g, " ")).includes("\u0000")) return true;
    }
    return false;
  } catch {
    return true;
  }
}
