/**
 * Helpers for the storefront specs: the waiting room as a shopper sees it, and screenshots kept as
 * test artifacts (a file in the test's output folder, attached to the report).
 */
import type { Browser, Locator, Page, TestInfo } from "@playwright/test";
import { admitIntent } from "@/lib/domain/admission/admit-intent";
import { pauseSale } from "@/lib/domain/sales/pause-sale";
import { expect, newAccount, signUp, type Account } from "../support/fixtures";

export const WAIT = { timeout: 30_000 };

/** The sale page's live panel (named "Waiting room" only while the shopper waits). */
export function waitingRoom(page: Page): Locator {
  return page.getByTestId("waiting-room");
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

/**
 * Saves a screenshot (the full page, or with `fullPage: false` what is on screen) under the test's
 * output folder and attaches it to the report.
 */
export async function snap(page: Page, testInfo: TestInfo, name: string, { fullPage = true } = {}): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage });
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

export const MARKETER = { id: "e2e", email: "e2e-fixtures@example.test" };

/**
 * Takes the sale's next ticket for a user whose request never reaches the worker, as when a web
 * process dies between admitting and publishing. The worker then holds later tickets back for a
 * moment (WORKER_GAP_WAIT_MS) to keep ticket order, which leaves time to pause the sale.
 */
export async function takeTicketThatNeverArrives(saleId: string): Promise<void> {
  await new Promise<void>((admitted, failed) => {
    admitIntent({ saleId, userId: `lost-${saleId}`, ip: "192.0.2.1", userAgent: "e2e" }, () => {
      admitted();
      return new Promise<void>(() => {});
    }).catch(failed);
  });
}

/**
 * Presses Buy now and keeps the shopper queued: a ticket ahead of theirs never arrives, and while
 * the worker waits for it the sale is paused (as their intent is accepted), so the place stays
 * queued until the marketer resumes the sale.
 */
export async function buyAndStayQueued(page: Page, room: Locator, saleId: string): Promise<void> {
  await takeTicketThatNeverArrives(saleId);
  await page.route(`**/api/sales/${saleId}/intents`, async (route) => {
    const response = await route.fetch();
    if (response.status() === 202) await pauseSale(saleId, MARKETER);
    await route.fulfill({ response });
  });
  await room.getByRole("button", { name: "Buy now" }).click();
  await expectState(room, "queued");
}

/** Cancels a hold the way a shopper does: Cancel hold, then yes in the dialog that asks. */
export async function cancelHold(page: Page, room: Locator): Promise<void> {
  await room.getByRole("button", { name: "Cancel hold" }).click();
  const dialog = page.getByRole("dialog", { name: "Release this item?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Yes, release it" }).click();
}
