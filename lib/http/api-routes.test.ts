import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { allowedMethods, API_ROUTES, HTTP_METHODS, matchApiRoute } from "@/lib/http/api-routes";

const API_DIR = path.join(process.cwd(), "app", "api");

function routeFiles(dir = API_DIR): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? routeFiles(full) : entry.name === "route.ts" ? [full] : [];
  });
}

// `export async function GET`, `export const GET =`, `export { handler as GET, … }`.
function exportedMethods(source: string): string[] {
  const declared = [...source.matchAll(/export\s+(?:async\s+)?(?:function|const)\s+([A-Z]+)\b/g)].map((match) => match[1]!);
  const renamed = [...source.matchAll(/export\s*\{([^}]*)\}/g)].flatMap((match) => [...match[1]!.matchAll(/as\s+([A-Z]+)\b/g)].map((name) => name[1]!));
  return [...declared, ...renamed].filter((name) => (HTTP_METHODS as readonly string[]).includes(name));
}

describe("the host's table of API routes", () => {
  const files = Object.fromEntries(
    routeFiles().map((file) => [`/api/${path.relative(API_DIR, path.dirname(file)).split(path.sep).join("/")}`, exportedMethods(fs.readFileSync(file, "utf8"))]),
  );

  it("lists every route file under app/api with exactly the methods it exports", () => {
    const sorted = (methods: readonly string[]) => [...methods].sort();
    expect(Object.fromEntries(Object.entries(API_ROUTES).map(([route, methods]) => [route, sorted(methods)]))).toEqual(
      Object.fromEntries(Object.entries(files).map(([route, methods]) => [route, sorted(methods)])),
    );
  });

  it.each([
    ["/api/health", "/api/health"],
    ["/api/admin/sales", "/api/admin/sales"],
    ["/api/admin/sales/abc", "/api/admin/sales/[id]"],
    ["/api/admin/sales/abc/bookings.csv", "/api/admin/sales/[id]/bookings.csv"],
    ["/api/admin/sales/abc/stats/stream", "/api/admin/sales/[id]/stats/stream"],
    ["/api/sales/a%20b/status", "/api/sales/[saleId]/status"],
    ["/api/auth/callback/credentials", "/api/auth/[...nextauth]"],
    ["/api/auth", "/api/[...path]"],
    ["/api/admin/sales/abc/nope", "/api/[...path]"],
    ["/api/nope", "/api/[...path]"],
  ])("serves %s from %s, as Next does (static before dynamic before catch-all)", (pathname, route) => {
    expect(matchApiRoute(pathname)).toBe(route);
  });

  it("leaves paths outside /api, and paths Next redirects (a trailing slash), to Next", () => {
    expect(matchApiRoute("/sales/abc")).toBeUndefined();
    expect(matchApiRoute("/api/health/")).toBeUndefined();
  });

  it("allows what Next adds: HEAD with GET, and OPTIONS", () => {
    expect(allowedMethods("/api/health")).toEqual(["GET", "HEAD", "OPTIONS"]);
    expect(allowedMethods("/api/bookings/[id]")).toEqual(["OPTIONS", "PUT", "DELETE"]);
  });
});
