import { expect, expireHoldNow, newAccount, seedSale, signUp, test } from "../support/fixtures";
import { WAIT, expectState, openSale, otherShopper, snap } from "./storefront";

test.describe("one item, two shoppers", () => {
  test("a hold that runs out goes to the next shopper on the waitlist", async ({ page, browser }, testInfo) => {
    // A hold long enough for every click on a busy machine (a 2-minute one ran out under load before
    // the second shopper had signed up); the spec ends it explicitly below.
    const sale = await seedSale({ stock: 1, holdSeconds: 600 });
    const firstAccount = newAccount("first");
    await signUp(page, firstAccount);
    const first = await openSale(page, sale.id);
    await first.getByRole("button", { name: "Buy now" }).click();
    await expectState(first, "hold");
    await snap(page, testInfo, "first-hold");

    const next = await otherShopper(browser, "second");
    const second = await openSale(next.page, sale.id);
    await expect(next.page.getByTestId("stock-left")).toHaveText("0");
    await second.getByRole("button", { name: "Buy now" }).click();
    await expectState(second, "waitlisted");
    await expect(second.getByRole("heading", { name: "You’re number 1 on the waitlist" })).toBeVisible();
    await snap(next.page, testInfo, "second-waitlisted");

    // The second shopper allows notifications, then looks at another tab. A browser under test
    // shows no permission prompt: the permission is granted as the site settings would, and the
    // open page learns it at once (the button's own request is in the component tests).
    await expect(next.page.getByRole("button", { name: "Notify me when it’s my turn" })).toBeVisible();
    await next.page.context().grantPermissions(["notifications"]);
    await expect(next.page.getByText("We’ll notify you if your turn comes while you’re in another tab.")).toBeVisible();
    await expect(next.page.getByRole("button", { name: "Notify me when it’s my turn" })).toHaveCount(0);
    const title = await next.page.title();
    await next.page.evaluate(() => {
      Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
      document.dispatchEvent(new Event("visibilitychange"));
    });

    // Nobody confirms: the first hold's time is up, and it passes to the waitlist's head.
    await expireHoldNow(sale.id, firstAccount.email);
    await expectState(first, "expired");
    await expect(first.getByRole("heading", { name: "Your hold ran out" })).toBeVisible();
    await snap(page, testInfo, "first-expired");

    await expectState(second, "hold");
    // The hidden tab's title blinks until the shopper comes back to it.
    await expect(next.page).toHaveTitle("⏰ Your turn — confirm now", WAIT);
    await next.page.evaluate(() => {
      Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "visible" });
      document.dispatchEvent(new Event("visibilitychange"));
    });
    await expect(next.page).toHaveTitle(title);
    await expect(second.getByRole("button", { name: "Confirm purchase" })).toBeEnabled();
    await snap(next.page, testInfo, "second-hold");
    await second.getByRole("button", { name: "Confirm purchase" }).click();
    await expectState(second, "booked");

    // The item is gone: the first shopper may not queue again into nothing.
    await expect(first.getByRole("button", { name: "Buy now" })).toHaveCount(0, WAIT);
    await next.close();
  });

  test("when the last item is bought, the waitlist is told it sold out", async ({ page, browser }, testInfo) => {
    const sale = await seedSale({ stock: 1, holdSeconds: 120 });
    await signUp(page, newAccount("winner"));
    const winner = await openSale(page, sale.id);
    await winner.getByRole("button", { name: "Buy now" }).click();
    await expectState(winner, "hold");

    const late = await otherShopper(browser, "late");
    const lateRoom = await openSale(late.page, sale.id);
    await lateRoom.getByRole("button", { name: "Buy now" }).click();
    await expectState(lateRoom, "waitlisted");

    await winner.getByRole("button", { name: "Confirm purchase" }).click();
    await expectState(winner, "booked");
    await expectState(lateRoom, "sold_out");
    await expect(lateRoom.getByRole("heading", { name: "Sold out" })).toBeVisible();
    await snap(late.page, testInfo, "waitlisted-sold-out");

    // A newcomer sees a sold-out sale with nothing to press.
    const newcomer = await otherShopper(browser, "newcomer");
    const newcomerRoom = await openSale(newcomer.page, sale.id);
    await expect(newcomerRoom.getByRole("heading", { name: "Sold out" })).toBeVisible();
    await expect(newcomerRoom.getByRole("button", { name: "Buy now" })).toHaveCount(0);
    await expect(newcomer.page.getByTestId("stock-left")).toHaveText("0");
    await snap(newcomer.page, testInfo, "sold-out");
    await Promise.all([late.close(), newcomer.close()]);
  });
});
