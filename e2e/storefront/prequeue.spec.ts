import { expect, newAccount, seedScheduledSale, signUp, test } from "../support/fixtures";
import { expectState, openSale, otherShopper, snap } from "./storefront";

test.describe("before the start", () => {
  test("shoppers who press Buy early wait in the pre-queue, then each gets a place and a hold at the start", async ({ page, browser }, testInfo) => {
    test.setTimeout(120_000);
    const sale = await seedScheduledSale(30_000, { stock: 5 });
    await signUp(page, newAccount("early-first"));
    const first = await openSale(page, sale.id);
    await expect(first.getByRole("heading", { name: "The pre-queue is open" })).toBeVisible();
    await expect(first.getByRole("timer", { name: /Time until the sale opens/ })).toBeVisible();
    await first.getByRole("button", { name: "Buy now" }).click();
    await expectState(first, "prequeued");
    await expect(first.getByRole("heading", { name: "You’re in the pre-queue" })).toBeVisible();
    await snap(page, testInfo, "first-prequeued");

    const next = await otherShopper(browser, "early-second");
    const second = await openSale(next.page, sale.id);
    await second.getByRole("button", { name: "Buy now" }).click();
    await expectState(second, "prequeued");
    // A refresh shows the same place: it comes from the server.
    await next.page.reload();
    await expectState(second, "prequeued");
    await expect(second.getByText(/2 shoppers are in the pre-queue/)).toBeVisible();
    await snap(next.page, testInfo, "second-prequeued");

    // At the start the schedule worker launches the sale and draws the pre-queue; both get holds.
    const untilStart = { timeout: 60_000 };
    await expect(first).toHaveAttribute("data-state", "hold", untilStart);
    await expect(second).toHaveAttribute("data-state", "hold", untilStart);
    await expect(first.getByRole("button", { name: "Confirm purchase" })).toBeEnabled();
    await snap(page, testInfo, "first-hold-after-draw");
    await snap(next.page, testInfo, "second-hold-after-draw");
    await next.close();
  });
});
