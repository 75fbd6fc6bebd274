import { randomUUID } from "node:crypto";
import { expect, newAccount, signUp, test } from "../support/fixtures";

const SHOTS = "e2e/artifacts/admin";

test("a marketer creates and launches a sale, a shopper buys, and the dashboard shows the booking", async ({ page, browser }) => {
  const marketer = newAccount("marketer");
  await signUp(page, { ...marketer, role: "marketer" });

  await page.goto("/admin");
  await page.getByRole("link", { name: "New sale" }).click();
  const name = `Launch test ${randomUUID().slice(0, 6)}`;
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Description").fill("Two limited-edition sneakers.");
  await page.getByLabel("Price").fill("19.99");
  await page.getByLabel("Stock", { exact: true }).fill("2");
  await page.getByLabel("Hold length (seconds)").fill("60");
  await page.screenshot({ path: `${SHOTS}/new-sale.png`, fullPage: true });
  await page.getByRole("button", { name: "Create draft" }).click();

  await expect(page).toHaveURL(/\/admin\/sales\/[0-9a-f]{24}$/);
  const saleId = new URL(page.url()).pathname.split("/").pop()!;
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByTestId("sale-status")).toHaveText("Draft");

  await page.getByRole("button", { name: "Launch now" }).click();
  await page.getByRole("dialog", { name: "Launch this sale now?" }).getByRole("button", { name: "Launch now" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Done" })).toHaveText("Done: the sale is live.");
  await expect(page.getByRole("button", { name: "Pause" })).toBeVisible();
  await expect(page.getByTestId("sale-status")).toHaveText(/Live/, { timeout: 30_000 });
  await expect(page.getByTestId("stat-available")).toHaveText("2 / 2");

  const shopperContext = await browser.newContext();
  const shopper = await shopperContext.newPage();
  const buyer = newAccount("shopper");
  await signUp(shopper, buyer);
  await shopper.goto(`/sales/${saleId}`);
  await shopper.getByRole("button", { name: "Buy now" }).click();
  await shopper.getByRole("button", { name: "Confirm purchase" }).click();
  await expect(shopper.getByRole("heading", { name: "You got it!" })).toBeVisible();
  await shopperContext.close();

  // The dashboard was open all along: the booking arrives over its live feed, without a reload.
  await expect(page.getByTestId("stat-booked")).toHaveText("1", { timeout: 20_000 });
  await expect(page.getByTestId("stat-available")).toHaveText("1 / 2");
  await expect(page.getByTestId("stat-holds")).toHaveText("0");
  await expect(page.getByTestId("dashboard-mode")).toContainText("Live");
  await page.screenshot({ path: `${SHOTS}/dashboard.png`, fullPage: true });

  await page.getByRole("navigation", { name: "This sale" }).getByRole("link", { name: "Bookings" }).click();
  const row = page.getByTestId("booking-row");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(buyer.email);
  await expect(row).toContainText("Booked");
  await page.screenshot({ path: `${SHOTS}/bookings.png`, fullPage: true });

  const csv = await page.request.get(`/api/admin/sales/${saleId}/bookings.csv?status=booked`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const lines = (await csv.text()).trim().split("\r\n");
  expect(lines[0]).toBe("id,ticket,reference,userId,email,status,admittedAt,holdExpiresAt,confirmedAt,cancelledAt,expiredAt,ip,userAgent");
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain(`,${buyer.email},booked,`);

  await page.goto(`/admin/audit?saleId=${saleId}`);
  const trail = page.getByTestId("audit-row");
  await expect(trail).toHaveCount(2);
  await expect(trail.nth(0)).toContainText("Launched the sale");
  await expect(trail.nth(0)).toContainText(marketer.email);
  await expect(trail.nth(1)).toContainText("Created the sale");
  await page.screenshot({ path: `${SHOTS}/audit.png`, fullPage: true });

  await page.goto("/admin");
  await expect(page.getByTestId("admin-sale-row").filter({ hasText: name })).toContainText("Live now");
  await page.screenshot({ path: `${SHOTS}/sales.png`, fullPage: true });
});

test("the sale form explains what is wrong before anything is sent", async ({ page }) => {
  await signUp(page, { ...newAccount("marketer"), role: "marketer" });
  await page.goto("/admin/sales/new");
  await page.getByLabel("Price").fill("-3");
  await page.getByLabel("End", { exact: true }).fill("2020-01-01T10:00");
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page.locator("form").getByRole("alert")).toHaveText("Please correct the highlighted fields.");
  await expect(page.getByText("Enter a name.")).toBeVisible();
  await expect(page.getByText("The price cannot be negative.")).toBeVisible();
  await expect(page.getByText("The end must be after the start.")).toBeVisible();
  await expect(page).toHaveURL(/\/admin\/sales\/new$/);
  await page.screenshot({ path: `${SHOTS}/form-errors.png`, fullPage: true });
});

test("a marketer blocks and unblocks an IP, and the audit trail records both", async ({ page }) => {
  const marketer = newAccount("marketer");
  await signUp(page, { ...marketer, role: "marketer" });
  const ip = `198.51.100.${Math.floor(Math.random() * 200) + 20}`;
  await page.goto("/admin/blocks");
  await page.getByRole("textbox", { name: "IP address" }).fill(ip);
  await page.getByRole("button", { name: "Block…" }).click();
  const dialog = page.getByRole("dialog", { name: `Block IP ${ip}?` });
  await expect(dialog.getByTestId("block-impact")).toContainText("No account has used this IP in the last 30 days");
  await dialog.getByRole("button", { name: "Block IP" }).click();
  const entry = page.getByRole("listitem").filter({ hasText: ip });
  await expect(entry).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/blocks.png`, fullPage: true });
  await entry.getByRole("button", { name: "Unblock" }).click();
  await expect(entry).toHaveCount(0);

  await page.goto("/admin/audit");
  const trail = page.getByTestId("audit-row").filter({ hasText: ip });
  await expect(trail).toHaveCount(2);
  await expect(trail.nth(0)).toContainText("Unblocked a client");
  await expect(trail.nth(1)).toContainText("Blocked a client");
  await expect(trail.nth(1)).toContainText(marketer.email);
});

test("the admin area sends anonymous visitors to sign in and turns shoppers away", async ({ page }) => {
  await page.goto("/admin/audit");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fadmin%2Faudit$/);

  await signUp(page, newAccount("shopper"));
  await page.goto("/admin");
  await expect(page.getByRole("heading", { name: "This area is for the sales team" })).toBeVisible();
  expect((await page.request.get("/api/admin/sales")).status()).toBe(403);
});
