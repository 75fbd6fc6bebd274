import type { Locator, Page } from "@playwright/test";
import { exportBookingsCsv } from "@/lib/domain/admin/export-bookings-csv";
import { resumeSale } from "@/lib/domain/sales/resume-sale";
import { expect, newAccount, seedSale, signUp, test } from "../support/fixtures";
import { MARKETER, WAIT, buyAndStayQueued, expectState, openSale, otherShopper, snap } from "./storefront";

const DEVICES = [
  { name: "desktop", use: { viewport: { width: 1366, height: 900 } } },
  { name: "phone", use: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 } },
] as const;

const REFERENCE = /^[234679ACDEFGHJKMNPQRTWXYZ]{4}-\d{4}$/;

/** The element lies wholly inside the first screen of the page (what shows before any scrolling). */
async function expectInFirstScreen(page: Page, element: Locator): Promise<void> {
  await expect(element).toBeVisible();
  const { top, bottom } = await element.evaluate((node) => {
    const box = node.getBoundingClientRect();
    return { top: box.top + window.scrollY, bottom: box.bottom + window.scrollY };
  });
  const height = page.viewportSize()!.height;
  expect(top, "top edge on the first screen").toBeGreaterThanOrEqual(0);
  expect(bottom, `bottom edge within the first ${height} px`).toBeLessThanOrEqual(height);
}

async function bookOne(page: Page, room: Locator): Promise<string> {
  await room.getByRole("button", { name: "Buy now" }).click();
  await expectState(room, "hold");
  await room.getByRole("button", { name: "Confirm purchase" }).click();
  await expectState(room, "booked");
  const reference = (await room.getByTestId("booking-reference").textContent())?.trim() ?? "";
  expect(reference).toMatch(REFERENCE);
  return reference;
}

for (const device of DEVICES) {
  test.describe(`the shopper's journey on a ${device.name}`, () => {
    test.use(device.use);
    // Long journeys (several shoppers, a marketer, two sales): a hang guard of three times the usual.
    test.slow();

    test("waiting shows place, people ahead, items left, a dated estimate and a may-run-out warning; a hold shows timer, order and Confirm on the first screen", async ({ page }, testInfo) => {
      const sale = await seedSale({ stock: 1, holdSeconds: 600, price: 49 });
      await signUp(page, newAccount());
      const room = await openSale(page, sale.id);
      await expectInFirstScreen(page, room.getByRole("button", { name: "Buy now" }));

      await buyAndStayQueued(page, room, sale.id);
      await expect(room.getByRole("heading", { name: "Waiting room" })).toBeVisible();
      await expect(room.getByTestId("queue-position")).toHaveText("2", WAIT);
      await expect(room.getByTestId("people-ahead")).toHaveText("1");
      await expect(room.getByTestId("items-left")).toHaveText("1");
      await expect(room.getByTestId("expected-wait")).toContainText(/updated (just now|\d+ s ago)/);
      await expect(room.getByTestId("may-run-out")).toContainText("The items may run out before your turn.");
      await expect(room.getByRole("progressbar", { name: "Progress through the line" })).toHaveAttribute(
        "aria-valuetext",
        "None of the 1 person ahead of you served yet",
      );
      await expect(room.getByTestId("what-next")).toContainText("held for you for 10 minutes");
      await expect(room).not.toContainText("Ticket #");
      await expect(page.getByRole("contentinfo")).not.toContainText("First come, first served");
      await page.evaluate(() => window.scrollTo(0, 0));
      await expectInFirstScreen(page, room.getByTestId("queue-position"));
      await expectInFirstScreen(page, room.getByTestId("waiting-room-title"));
      await snap(page, testInfo, `waiting-room-queued-${device.name}`, { fullPage: false });

      // The page was scrolled away when the hold arrived: it comes back into view, with focus on Confirm.
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await resumeSale(sale.id, MARKETER);
      await expectState(room, "hold");
      const confirm = room.getByRole("button", { name: "Confirm purchase" });
      await expect(confirm).toBeFocused();
      await expect(confirm).toBeInViewport({ ratio: 1 });
      await expect(room.getByRole("timer", { name: /Time left to confirm/ })).toBeInViewport({ ratio: 1 });
      await page.evaluate(() => window.scrollTo(0, 0));
      await expectInFirstScreen(page, room.getByRole("timer", { name: /Time left to confirm/ }));
      await expectInFirstScreen(page, confirm);

      // Holding the only item does not read as sold out: it is held (by this shopper), not sold.
      await expect(page.getByTestId("stock-left")).toHaveText("0", WAIT);
      await expect(page.getByTestId("stock-held")).toHaveText("1 held (yours)", WAIT);
      await expect(page.getByTestId("stock-sold")).toHaveCount(0);
      const summary = room.getByTestId("order-summary");
      await expect(summary).toContainText(sale.name);
      await expect(summary).toContainText("Quantity");
      await expect(room.getByTestId("order-total")).toHaveText("€49.00");
      await snap(page, testInfo, `waiting-room-hold-${device.name}`, { fullPage: false });

      // Cancel hold asks first; keeping the hold changes nothing.
      await room.getByRole("button", { name: "Cancel hold" }).click();
      const dialog = page.getByRole("dialog", { name: "Release this item?" });
      await expect(dialog).toBeVisible();
      await expect(dialog.getByRole("button", { name: "Keep my hold" })).toBeFocused();
      await snap(page, testInfo, `cancel-dialog-${device.name}`, { fullPage: false });
      await dialog.getByRole("button", { name: "Keep my hold" }).click();
      await expect(dialog).toBeHidden();
      await expectState(room, "hold");

      await confirm.click();
      await expectState(room, "booked");
      await expect(room.getByRole("heading", { name: "Order confirmed" })).toBeVisible();
      await expect(room.getByRole("heading", { name: "You got it!" })).toBeFocused();
      await expect(room).not.toContainText("Waiting room");
      await expect(page.getByTestId("transport")).toHaveCount(0);
      await expect(room.getByTestId("booking-reference")).toHaveText(REFERENCE);
      await expect(room.getByTestId("order-total")).toHaveText("€49.00");
      await expect(room.getByRole("region", { name: "What happens next" })).toBeVisible();
      await snap(page, testInfo, `confirmation-${device.name}`, { fullPage: false });
    });

    test("two buyers get different references, shown on the confirmation, in My bookings, the admin table and the CSV", async ({ page, browser }, testInfo) => {
      const sale = await seedSale({ stock: 2, holdSeconds: 600 });
      await signUp(page, newAccount("first"));
      const firstReference = await bookOne(page, await openSale(page, sale.id));

      const second = await otherShopper(browser, "second");
      const secondReference = await bookOne(second.page, await openSale(second.page, sale.id));
      expect(secondReference).not.toBe(firstReference);
      // The same sale: the same four-character sale code.
      expect(secondReference.slice(0, 4)).toBe(firstReference.slice(0, 4));

      await second.page.goto("/bookings");
      await expect(second.page.getByTestId("booking-row").filter({ hasText: sale.name }).getByTestId("booking-reference")).toHaveText(
        secondReference,
      );
      await snap(second.page, testInfo, `my-bookings-${device.name}`);
      await second.close();

      const marketer = await browser.newContext({ viewport: device.use.viewport });
      const admin = await marketer.newPage();
      await signUp(admin, { ...newAccount("marketer"), role: "marketer" });
      await admin.goto(`/admin/sales/${sale.id}/bookings`);
      const references = admin.getByTestId("booking-reference");
      await expect(references).toHaveText([firstReference, secondReference], WAIT);
      await snap(admin, testInfo, `admin-bookings-${device.name}`);
      await marketer.close();

      const csv = await new Response((await exportBookingsCsv(sale.id, new URLSearchParams())).body).text();
      const [header, ...rows] = csv.trim().split("\r\n");
      const column = header!.split(",").indexOf("reference");
      expect(rows.map((row) => row.split(",")[column])).toEqual([firstReference, secondReference]);

      // Both items are booked: the home page lists the sale as sold out, dated when it sold out.
      await page.goto("/");
      const closed = page.getByRole("region", { name: "Sold out or ended" });
      const card = closed.getByRole("article").filter({ hasText: sale.name });
      await expect(card).toContainText("Sold out");
      await expect(card).not.toContainText("Ended");
      await expect(page.getByRole("region", { name: "Live now" })).not.toContainText(sale.name);
    });
  });
}
