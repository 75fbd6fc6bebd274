import { expect, test } from "../support/fixtures";

test("pages and APIs forbid framing and content sniffing", async ({ page, request }) => {
  const home = await page.goto("/");
  const api = await request.get("/api/health");
  for (const response of [home!, api]) {
    const headers = response.headers();
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["content-security-policy"]).toBe("frame-ancestors 'none'");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  }
});
