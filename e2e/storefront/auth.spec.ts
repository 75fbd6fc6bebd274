import { expect, newAccount, seedSale, signUp, test } from "../support/fixtures";
import { openSale, snap } from "./storefront";

test.describe("accounts", () => {
  test("a shopper signs up, signs out and signs back in, with errors shown at the fields", async ({ page }, testInfo) => {
    const account = newAccount("signup");
    await page.goto("/");
    await page.getByRole("link", { name: "Sign up" }).click();
    await expect(page).toHaveURL(/\/signup/);

    const form = page.locator("form");
    await form.getByLabel("Name").fill(account.name);
    await form.getByLabel("Email").fill(account.email);
    await form.getByLabel("Password").fill("short");
    await form.getByRole("button", { name: "Create account" }).click();
    await expect(form.getByLabel("Password")).toHaveAccessibleDescription(/Use at least 8 characters/);
    await snap(page, testInfo, "signup-error");

    await form.getByLabel("Password").fill(account.password);
    await form.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByTestId("signed-in-as")).toHaveText(account.name);
    await snap(page, testInfo, "signed-up");

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();

    await page.goto("/signup");
    await form.getByLabel("Name").fill(account.name);
    await form.getByLabel("Email").fill(account.email);
    await form.getByLabel("Password").fill(account.password);
    await form.getByRole("button", { name: "Create account" }).click();
    await expect(form.getByLabel("Email")).toHaveAccessibleDescription("An account with this email already exists.");

    await page.goto("/signin");
    await form.getByLabel("Email").fill(account.email);
    await form.getByLabel("Password").fill("not-the-password");
    await form.getByRole("button", { name: "Sign in" }).click();
    await expect(form.getByRole("alert")).toHaveText("That email and password do not match an account.");
    await snap(page, testInfo, "signin-error");

    await form.getByLabel("Password").fill(account.password);
    await form.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("signed-in-as")).toHaveText(account.name);
  });

  test("after three wrong passwords the account's sign-in pauses, and says for how long", async ({ page }, testInfo) => {
    const account = newAccount("paused");
    await signUp(page, account);
    await page.context().clearCookies();

    await page.goto("/signin");
    const form = page.locator("form");
    await form.getByLabel("Email").fill(account.email);
    for (let i = 0; i < 3; i += 1) {
      await form.getByLabel("Password").fill(`wrong-password-${i}`);
      await form.getByRole("button", { name: "Sign in" }).click();
      await expect(form.getByRole("alert")).toHaveText("That email and password do not match an account.");
    }
    // Even the right password waits now: guessing on cannot find it.
    await form.getByLabel("Password").fill(account.password);
    await form.getByRole("button", { name: "Sign in" }).click();
    await expect(form.getByRole("alert")).toHaveText(/^Too many failed attempts\. For your account's safety, try again in 1[45] minutes\.$/);
    await expect(page).toHaveURL(/\/signin/);
    await snap(page, testInfo, "signin-paused");
  });

  test("an anonymous visitor is sent to sign in, and comes back to My bookings", async ({ page, browser }, testInfo) => {
    const account = newAccount("returning");
    // The account exists (signed up in another context); this page is anonymous.
    const other = await browser.newContext();
    await signUp(await other.newPage(), account);
    await other.close();

    await page.goto("/bookings");
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fbookings$/);
    await snap(page, testInfo, "redirected-to-signin");

    await page.getByLabel("Email").fill(account.email);
    await page.getByLabel("Password").fill(account.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/bookings$/);
    await expect(page.getByRole("heading", { name: "My bookings", level: 1 })).toBeVisible();
    await expect(page.getByText("No bookings yet")).toBeVisible();
  });

  test("an anonymous visitor on a sale signs in to buy and lands back on the sale", async ({ page }, testInfo) => {
    const sale = await seedSale();
    const account = newAccount("buyer");
    const room = await openSale(page, sale.id);
    await expect(room.getByRole("button", { name: "Buy now" })).toHaveCount(0);
    await snap(page, testInfo, "sale-anonymous");

    await room.getByRole("link", { name: "Create an account" }).click();
    await expect(page).toHaveURL(new RegExp(`/signup\\?callbackUrl=%2Fsales%2F${sale.id}$`));
    await page.getByLabel("Name").fill(account.name);
    await page.getByLabel("Email").fill(account.email);
    await page.getByLabel("Password").fill(account.password);
    await page.getByRole("button", { name: "Create account" }).click();

    await expect(page).toHaveURL(new RegExp(`/sales/${sale.id}$`));
    await expect(page.getByTestId("waiting-room").getByRole("button", { name: "Buy now" })).toBeEnabled();
  });
});
