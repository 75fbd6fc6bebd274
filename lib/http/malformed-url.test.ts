import { describe, expect, it } from "vitest";
import { isMalformedUrl } from "@/lib/http/malformed-url";

describe("isMalformedUrl", () => {
  it.each(["/api/sales/%zz/status", "/api/sales/%ff%fe/status", "/api/sales/%/status", "/api/sales/%C0%AE/status", "/api/sales/%ED%A0%80/status", "/api/sales/%u002e%u002e/status", "/api/bookings?user=%00", "/api/x?a=%e2%82"])(
    "refuses %s",
    (target) => expect(isMalformedUrl(target)).toBe(true),
  );

  it.each(["/", "/api/sales/abc/status", "/sales/caf%C3%A9?x=1&y=a%20b", "/api/admin/audit?saleId=", "/search?q=a+b"])("accepts %s", (target) => {
    expect(isMalformedUrl(target)).toBe(false);
  });
});
