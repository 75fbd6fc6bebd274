/**
 * Every route file under app/api and the methods it exports, in Next's folder syntax. The host
 * reads it to answer a wrong method with a JSON 405 and an Allow header before Next, which would
 * answer an empty 405 (or an empty 400 for a method it does not know). api-routes.test.ts proves
 * it matches the route files.
 */
export const HTTP_METHODS = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "DELETE", "PATCH"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export const API_ROUTES: Readonly<Record<string, readonly HttpMethod[]>> = {
  "/api/admin/audit": ["GET"],
  "/api/admin/blocks": ["GET", "POST", "DELETE"],
  "/api/admin/blocks/impact": ["GET"],
  "/api/admin/images": ["POST"],
  "/api/admin/sales": ["GET", "POST"],
  "/api/admin/sales/[id]": ["GET", "PATCH"],
  "/api/admin/sales/[id]/bookings": ["GET"],
  "/api/admin/sales/[id]/bookings.csv": ["GET"],
  "/api/admin/sales/[id]/end": ["POST"],
  "/api/admin/sales/[id]/flagged": ["GET"],
  "/api/admin/sales/[id]/launch": ["POST"],
  "/api/admin/sales/[id]/pause": ["POST"],
  "/api/admin/sales/[id]/resume": ["POST"],
  "/api/admin/sales/[id]/schedule": ["POST"],
  "/api/admin/sales/[id]/stats": ["GET"],
  "/api/admin/sales/[id]/stats/stream": ["GET"],
  "/api/auth/[...nextauth]": ["GET", "POST"],
  "/api/bookings/[id]": ["PUT", "DELETE"],
  "/api/health": ["GET"],
  "/api/images/[id]": ["GET"],
  "/api/me/bookings": ["GET"],
  "/api/metrics": ["GET"],
  "/api/sales/[saleId]/challenge": ["GET"],
  "/api/sales/[saleId]/events": ["GET"],
  "/api/sales/[saleId]/frontier": ["GET"],
  "/api/sales/[saleId]/intents": ["POST"],
  "/api/sales/[saleId]/status": ["GET"],
  "/api/users": ["POST"],
  // Unknown paths: a JSON 404 whatever the method.
  "/api/[...path]": ["GET", "OPTIONS", "POST", "PUT", "DELETE", "PATCH"],
};

// Next's precedence: a static segment before a dynamic one, a dynamic one before a catch-all.
const segmentRank = (segment: string) => (segment.startsWith("[...") ? 2 : segment.startsWith("[") ? 1 : 0);

function matches(pattern: string[], segments: string[]): boolean {
  const [head, ...rest] = pattern;
  if (head === undefined) return segments.length === 0;
  if (segmentRank(head) === 2) return segments.length > 0 && segments.every(Boolean);
  const [segment, ...others] = segments;
  if (!segment || (segmentRank(head) === 0 && head !== segment)) return false;
  return matches(rest, others);
}

/** The route file that serves an /api path (percent-encoded, well formed), in Next's folder syntax; undefined outside /api. */
export function matchApiRoute(pathname: string): string | undefined {
  const segments = pathname.split("/").slice(1).map(decodeURIComponent);
  const candidates = Object.keys(API_ROUTES).filter((route) => matches(route.split("/").slice(1), segments));
  const ranks = (route: string) => route.split("/").map(segmentRank);
  return candidates.sort((a, b) => {
    const [left, right] = [ranks(a), ranks(b)];
    const differs = left.findIndex((rank, i) => rank !== right[i]);
    return differs === -1 ? 0 : left[differs]! - (right[differs] ?? 0);
  })[0];
}

/** What a route answers to: its own methods, and HEAD (with GET) and OPTIONS, which Next adds. */
export function allowedMethods(route: string): HttpMethod[] {
  const own = API_ROUTES[route] ?? [];
  const added: HttpMethod[] = own.includes("GET") ? ["HEAD", "OPTIONS"] : ["OPTIONS"];
  return HTTP_METHODS.filter((method) => own.includes(method) || added.includes(method));
}
