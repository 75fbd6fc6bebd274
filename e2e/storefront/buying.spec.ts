import { resumeSale } from "@/lib/domain/sales/resume-sale";
import { expect, newAccount, seedSale, signUp, test } from "../support/fixtures";
import { MARKETER, WAIT, buyAndStayQueued, cancelHold, expectState, openSale, secondsLeft, snap, stockLeft } from "./storefront";

test.describe("buying", () => {
  test("buy → queued → hold → confirm → booked, and it shows in My bookings", async ({ page }, testInfo) => {
    const sale = await seedSale({ stock: 3, holdSeconds: 120 });
    await signUp(page, newAccount());
    const room = await openSale(page, sale.id);
    await expectState(room, "none");
    await snap(page, testInfo, "ready");

    await buyAndStayQueued(page, room, sale.id);
    await expect(room.getByRole("heading", { name: "You’re number 2 in line" })).toBeVisible(WAIT);
    await expect(room.getByRole("progressbar", { name: "Progress through the line" })).toBeVisible();
    await expect(room.getByText("The sale is paused; the line moves again when it resumes.")).toBeVisible(WAIT);
    await snap(page, testInfo, "queued");

    await resumeSale(sale.id, MARKETER);
    await expectState(room, "hold");
    await expect(room.getByRole("timer", { name: /Time left to confirm/ })).toBeVisible();
    await expect(page.getByTestId("stock-left")).toHaveText("2", WAIT);
    await snap(page, testInfo, "hold");

    await room.getByRole("button", { name: "Confirm purchase" }).click();
    await expectState(room, "booked");
    await expect(room.getByRole("heading", { name: "You got it!" })).toBeVisible();
    await snap(page, testInfo, "booked");

    await room.getByRole("link", { name: "See my bookings" }).click();
    const row = page.getByTestId("booking-row").filter({ hasText: sale.name });
    await expect(row).toContainText("Booked");
    await expect(row).toContainText("Confirmed");
    await snap(page, testInfo, "my-bookings");
  });

  test("cancelling a hold puts the item back, and the shopper may queue again", async ({ page }, testInfo) => {
    const sale = await seedSale({ stock: 2, holdSeconds: 120 });
    await signUp(page, newAccount());
    const room = await openSale(page, sale.id);
    await expect(page.getByTestId("stock-left")).toHaveText("2");

    await room.getByRole("button", { name: "Buy now" }).click();
    await expectState(room, "hold");
    await expect(page.getByTestId("stock-left")).toHaveText("1", WAIT);

    await cancelHold(page, room);
    await expectState(room, "cancelled");
    await expect(room.getByRole("heading", { name: "Hold released" })).toBeVisible();
    await expect(page.getByTestId("stock-left")).toHaveText("2", WAIT);
    await snap(page, testInfo, "cancelled");

    await room.getByRole("button", { name: "Buy now" }).click();
    await expectState(room, "hold");
    expect(await stockLeft(page)).toBe(1);
  });

  test("a refresh during a hold keeps the countdown where the server has it", async ({ page }, testInfo) => {
    const sale = await seedSale({ holdSeconds: 120 });
    await signUp(page, newAccount());
    const room = await openSale(page, sale.id);
    await room.getByRole("button", { name: "Buy now" }).click();
    await expectState(room, "hold");
    await expect.poll(() => secondsLeft(room), WAIT).toBeLessThan(119);
    const before = await secondsLeft(room);

    await page.reload();
    await expectState(room, "hold");
    await expect(room.getByRole("timer", { name: /Time left to confirm/ })).toHaveText(/^\d+:\d{2}$/);
    // The countdown continues from the server's expiry; it does not start over at 2:00.
    expect(await secondsLeft(room)).toBeLessThanOrEqual(before);
    await snap(page, testInfo, "hold-after-refresh");
  });

  test("a second tab shows the same hold, and sees the purchase made in the first", async ({ page, context }, testInfo) => {
    const sale = await seedSale({ holdSeconds: 120 });
    await signUp(page, newAccount());
    const room = await openSale(page, sale.id);
    await room.getByRole("button", { name: "Buy now" }).click();
    await expectState(room, "hold");

    const secondTab = await context.newPage();
    const secondRoom = await openSale(secondTab, sale.id);
    await expectState(secondRoom, "hold");
    // Both count down to the same expiry: read the first tab before and after the second (±1 for
    // rounding between two clocks corrected separately).
    const firstBefore = await secondsLeft(room);
    const second = await secondsLeft(secondRoom);
    const firstAfter = await secondsLeft(room);
    expect(second).toBeLessThanOrEqual(firstBefore + 1);
    expect(second).toBeGreaterThanOrEqual(firstAfter - 1);
    await snap(secondTab, testInfo, "second-tab-hold");

    // The second tab cannot take a second place: its Buy button is gone while the hold lasts.
    await expect(secondRoom.getByRole("button", { name: "Buy now" })).toHaveCount(0);

    await room.getByRole("button", { name: "Confirm purchase" }).click();
    await expectState(room, "booked");
    await expectState(secondRoom, "booked");
    await snap(secondTab, testInfo, "second-tab-booked");
  });
});
