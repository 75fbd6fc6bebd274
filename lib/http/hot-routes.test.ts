import { describe, expect, it } from "vitest";
import { findHotRoute, type SaleRouteHandler } from "@/lib/http/hot-routes";

const handler: SaleRouteHandler = async () => new Response(null);
const routes = { "POST intents": handler, "GET status": handler };

describe("findHotRoute", () => {
  it("finds a sale's hot route by method and action, with the decoded sale id", () => {
    expect(findHotRoute(routes, "POST", "/api/sales/abc/intents")).toEqual({ handler, saleId: "abc" });
    expect(findHotRoute(routes, "GET", "/api/sales/a%20b/status?x=1")).toEqual({ handler, saleId: "a b" });
  });

  it("leaves other methods, actions and paths to Next", () => {
    for (const [method, url] of [
      ["GET", "/api/sales/abc/intents"],
      ["GET", "/api/sales/abc/challenge"],
      ["GET", "/api/sales/abc/status/extra"],
      ["GET", "/sales/abc/status"],
      ["GET", "/api/sales//status"],
      ["GET", "/api/sales/a%zzb/status"],
      ["GET", "/api/sales/a%00b/status"],
    ] as const) {
      expect(findHotRoute(routes, method, url)).toBeNull();
    }
  });
});
