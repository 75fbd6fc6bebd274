/**
 * Helpers for the storefront specs: the waiting room as a shopper sees it, and screenshots kept as
 * test artifacts (a file in the test's output folder, attached to the report).
 */
import type { Browser, Locator, Page, TestInfo } from "@playwright/test";
import { expect, newAccount, signUp, type Account } from "../support/fixtures";

export const WAIT = { timeout: 30_000 };

export function waitingRoom(page: Page): Locator {
  return page.getByRole("region", { name: "Waiting room" });
}

/** Opens a sale page and waits until its waiting room is on screen. */
export async function openSale(page: Page, saleId: string): Promise<Locator> {
  await page.goto(`/sales/${saleId}`);
  const room = waitingRoom(page);
  await expect(room).toBeVisible();
  return room;
}

/** A waiting room's state, as the page shows it (`data-state`). */
export async function expectState(room: Locator, state: string): Promise<void> {
  await expect(room).toHaveAttribute("data-state", state, WAIT);
}

/** The hold countdown's seconds left, read from the timer ("m:ss"). */
export async function secondsLeft(room: Locator): Promise<number> {
  const text = (await room.getByRole("timer", { name: /Time left to confirm/ }).textContent()) ?? "";
  const match = /^(\d+):(\d{2})$/.exec(text.trim());
  if (!match) throw new Error(`the hold timer reads "${text}"`);
  return Number(match[1]) * 60 + Number(match[2]);
}

export async function stockLeft(page: Page): Promise<number> {
  return Number(await page.getByTestId("stock-left").textContent());
}

/** Saves a full-page screenshot under the test's output folder and attaches it to the report. */
export async function snap(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: "image/png" });
}

/** A second shopper in a browser context of their own (own cookies), signed up and signed in. */
export async function otherShopper(browser: Browser, prefix: string): Promise<{ page: Page; account: Account; close: () => Promise<void> }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const account = newAccount(prefix);
  await signUp(page, account);
  return { page, account, close: () => context.close() };
}
