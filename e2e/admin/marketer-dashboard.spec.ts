import fs from "node:fs";
import type { Page } from "@playwright/test";
import { admitIntent } from "@/lib/domain/admission/admit-intent";
import { recordAdmissionLatency } from "@/lib/domain/admin/record-admission-latency";
import { confirmHold } from "@/lib/domain/holds/confirm-hold";
import { readSaleStats } from "@/lib/domain/inventory/read-sale-stats";
import { holdEffects } from "@/lib/messaging/hold-expiry";
import { readDashboardHistory } from "@/lib/domain/admin/read-dashboard-history";
import { readDashboardSnapshot } from "@/lib/domain/admin/dashboard-snapshot";
import { recordDashboardSample } from "@/lib/domain/admin/record-dashboard-sample";
import { registerUser } from "@/lib/domain/users/register-user";
import { publishBookingRequest } from "@/lib/messaging/publish-booking-request";
import { expect, newAccount, seedDraftSale, seedSale, signUp, test } from "../support/fixtures";

const VIEWPORTS = [
  { name: "desktop", width: 1366, height: 900 },
  { name: "phone", width: 390, height: 844 },
] as const;

async function signInAsMarketer(page: Page): Promise<void> {
  await signUp(page, { ...newAccount("marketer"), role: "marketer" });
}

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, "page scrolls sideways").toBeLessThanOrEqual(0);
}

for (const viewport of VIEWPORTS) {
  test.describe(`at ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport: { width: viewport.width, height: viewport.height } });
    // On a loaded CI machine a browser context and a first page load alone take tens of seconds.
    test.describe.configure({ timeout: 180_000 });
    const shot = (name: string) => `e2e/artifacts/admin/${name}-${viewport.name}.png`;

    test("a refreshed dashboard still shows the sale's history, revenue, sell-through and latency", async ({ page }) => {
      const sale = await seedSale({ stock: 5, price: 49, holdSeconds: 120 });
      const { id: userId } = await registerUser(newAccount("buyer"));
      // A purchase through the domain code the intents route and the Confirm button call; the
      // admission's latency is counted the way the intents route counts it.
      const { bookingId } = await admitIntent({ saleId: sale.id, userId, ip: "203.0.113.5", userAgent: "Mozilla/5.0 e2e" }, publishBookingRequest);
      recordAdmissionLatency(sale.id, 0.012);
      await expect.poll(async () => (await readSaleStats(sale.id)).holds, { timeout: 30_000 }).toBe(1);
      await confirmHold(bookingId, userId, holdEffects);

      // Nobody watches the dashboard meanwhile: the worker keeps the readings.
      await expect
        .poll(async () => (await readDashboardHistory(sale.id)).filter((reading) => reading.stats.booked === 1 && reading.admissionLatency.count > 0).length, {
          timeout: 60_000,
        })
        .toBeGreaterThanOrEqual(2);
      const firstStored = (await readDashboardHistory(sale.id))[0]!.at;

      await signInAsMarketer(page);
      for (const visit of ["first", "refreshed"]) {
        if (visit === "first") await page.goto(`/admin/sales/${sale.id}`);
        else await page.reload();
        const charts = page.getByTestId("dashboard-charts");
        await expect(charts).toBeVisible();
        // The charts start at the sale's first stored reading, not at the moment the page opened.
        expect(Number(await charts.getAttribute("data-since"))).toBeLessThanOrEqual(firstStored);
        await expect(page.getByTestId("stat-booked")).toHaveText("1");
        await expect(page.getByTestId("stat-revenue")).toHaveText("€49.00");
        await expect(page.getByTestId("stat-sell-through")).toHaveText("20 %");
        await expect(page.getByTestId("stat-latency-p50")).toHaveText(/\d ms$/);
        await expect(page.getByTestId("stat-latency-p95")).toHaveText(/\d ms$/);
      }
      await expectNoSidewaysScroll(page);
      await page.screenshot({ path: shot("dashboard-history"), fullPage: true });
    });

    test("the dashboard raises an alert when shoppers waited and nobody was served for a minute", async ({ page }) => {
      const sale = await seedSale({ stock: 5 });
      const { id: userId } = await registerUser(newAccount("stalled"));
      // Admitted, but the message never reaches the worker: the line cannot move.
      await admitIntent({ saleId: sale.id, userId, ip: "203.0.113.9", userAgent: "e2e" }, async () => {});
      // Its readings over the last 90 s, as the worker keeps them: the line has not moved since.
      const now = await readDashboardSnapshot(sale.id);
      await recordDashboardSample(sale.id, { ...now, at: now.at - 90_000 });
      await recordDashboardSample(sale.id, now);

      await signInAsMarketer(page);
      await page.goto(`/admin/sales/${sale.id}`);
      const alert = page.getByTestId("stall-alert");
      await expect(alert).toBeVisible();
      await expect(alert).toContainText("The line has stalled.");
      await expect(alert).toContainText("1 shopper waits");
      await page.screenshot({ path: shot("dashboard-stalled"), fullPage: true });
    });

    test("a draft's dashboard says what will appear, and Schedule asks when", async ({ page }) => {
      const draft = await seedDraftSale(60 * 60_000, { price: 25, stock: 10, holdSeconds: 60, waitlistMax: 100 });
      await signInAsMarketer(page);
      await page.goto(`/admin/sales/${draft.id}`);
      await expect(page.getByTestId("dashboard-preview")).toContainText("This sale is a draft: nothing is live yet.");
      await expect(page.getByTestId("dashboard-preview")).toContainText("an alert when shoppers wait");

      await page.getByRole("button", { name: "Schedule…" }).click();
      const dialog = page.getByRole("dialog", { name: "When should the sale start?" });
      await expect(dialog).toBeVisible();
      const start = dialog.getByLabel("Start");
      await expect(start).toHaveValue(/^\d{4}-\d\d-\d\dT\d\d:\d\d$/);
      const expected = await page.evaluate((iso) => {
        const date = new Date(iso);
        const pad = (value: number) => String(value).padStart(2, "0");
        return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
      }, draft.startsAt);
      await expect(start).toHaveValue(expected);
      await page.screenshot({ path: shot("schedule-dialog") });
      await dialog.getByRole("button", { name: "Schedule" }).click();
      await expect(dialog).toBeHidden({ timeout: 30_000 });
      await expect(page.getByTestId("sale-status")).toHaveText(/Upcoming/, { timeout: 30_000 });
      await expect(page.getByTestId("dashboard-preview")).toContainText("This sale starts at");
    });

    test("Block IP asks first and says how many accounts the IP affects", async ({ page }) => {
      const sale = await seedSale({ stock: 5 });
      const ip = `203.0.113.${Math.floor(Math.random() * 200) + 20}`;
      for (let index = 0; index < 3; index += 1) {
        const { id: userId } = await registerUser(newAccount("shared"));
        await admitIntent({ saleId: sale.id, userId, ip, userAgent: "Mozilla/5.0 e2e" }, publishBookingRequest);
      }
      await signInAsMarketer(page);
      await page.goto(`/admin/sales/${sale.id}`);
      const row = page.getByTestId("flagged-client").filter({ hasText: ip });
      // The worker writes the bookings, then the panel refreshes every 10 s: slow on a loaded machine.
      await expect(row).toBeVisible({ timeout: 90_000 });
      const block = row.getByRole("button", { name: "Block IP…" });
      await block.scrollIntoViewIfNeeded();
      const box = await block.boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= viewport.width, "the block button is inside the screen").toBe(true);
      await block.click();

      const dialog = page.getByRole("dialog", { name: `Block IP ${ip}?` });
      await expect(dialog.getByTestId("block-impact")).toContainText("3 accounts used this IP in this sale");
      await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
      await page.screenshot({ path: shot("block-dialog") });
      await dialog.getByRole("button", { name: "Cancel" }).click();
      await expect(dialog).toBeHidden();
      await expect(row).not.toContainText("blocked");

      await block.click();
      await dialog.getByRole("button", { name: "Block IP" }).click();
      await expect(dialog).toBeHidden();
      await expect(row).toContainText("blocked");
      await row.getByRole("button", { name: "Unblock" }).click();
      await expect(row).not.toContainText("blocked");
    });

    test("forms show every error at once and focus the first", async ({ page }) => {
      await page.goto("/signup");
      await page.getByLabel("Email").fill("not-an-email");
      await page.getByRole("button", { name: "Create account" }).click();
      await expect(page.getByText("Enter your name.")).toBeVisible();
      await expect(page.getByText("Enter a valid email address.")).toBeVisible();
      await expect(page.getByText("Use at least 8 characters.")).toBeVisible();
      await expect(page.getByLabel("Name")).toBeFocused();
      await page.screenshot({ path: shot("signup-errors"), fullPage: true });

      await signInAsMarketer(page);
      await page.goto("/admin/sales/new");
      await page.getByLabel("Price").fill("-3");
      await page.getByLabel("End", { exact: true }).fill("2020-01-01T10:00");
      await page.getByRole("button", { name: "Create draft" }).click();
      await expect(page.getByText("Enter a name.")).toBeVisible();
      await expect(page.getByText("The price cannot be negative.")).toBeVisible();
      await expect(page.getByText("The end must be after the start.")).toBeVisible();
      await expect(page.getByLabel("Name")).toBeFocused();
      await page.screenshot({ path: shot("sale-form-errors"), fullPage: true });
    });

    test("the admin sales list does not scroll sideways", async ({ page }) => {
      const sale = await seedSale();
      await signInAsMarketer(page);
      await page.goto("/admin");
      await expect(page.getByTestId("admin-sale-row").filter({ hasText: sale.name })).toBeVisible();
      await expectNoSidewaysScroll(page);
      await page.screenshot({ path: shot("sales-list"), fullPage: true });
    });

    test("an uploaded picture is shown on the sale page, and the icons are served", async ({ page }) => {
      const sale = await seedSale();
      await signInAsMarketer(page);
      await page.goto(`/admin/sales/${sale.id}/edit`);
      await page.getByLabel("Or upload a picture").setInputFiles({ name: "sneaker.webp", mimeType: "image/webp", buffer: fs.readFileSync("public/images/demo/sneaker.webp") });
      await expect(page.getByLabel("Image URL")).toHaveValue(/^\/api\/images\/[0-9a-f]{24}$/);
      await expect(page.getByTestId("image-preview").getByRole("img")).toBeVisible();
      const imageUrl = await page.getByLabel("Image URL").inputValue();
      await page.getByRole("button", { name: "Save changes" }).click();
      await expect(page).toHaveURL(new RegExp(`/admin/sales/${sale.id}$`));

      await page.goto(`/sales/${sale.id}`);
      const picture = page.getByRole("img", { name: sale.name }).first();
      await expect(picture).toBeVisible();
      await expect(picture).toHaveAttribute("src", new RegExp(encodeURIComponent(imageUrl)));
      await expect.poll(() => picture.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth)).toBeGreaterThan(0);
      await page.screenshot({ path: shot("sale-with-upload") });

      const served = await page.request.get(imageUrl);
      expect(served.status()).toBe(200);
      expect(served.headers()["content-type"]).toBe("image/webp");
      expect(served.headers()["cache-control"]).toContain("immutable");
      const refused = await page.request.post("/api/admin/images", { multipart: { file: { name: "x.png", mimeType: "image/png", buffer: Buffer.from("<svg/>") } } });
      expect(refused.status()).toBe(415);

      for (const icon of ["/favicon.ico", "/icon.svg", "/apple-icon.png"]) {
        expect((await page.request.get(icon)).status(), icon).toBe(200);
      }
    });
  });
}
