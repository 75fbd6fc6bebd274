/**
 * Shared helpers for the Playwright specs. Import `test` and `expect` from here rather than from
 * @playwright/test: this `test` also closes the domain code's database connections when a worker
 * finishes.
 *
 *   import { expect, seedSale, signUp, test, uniqueEmail } from "../support/fixtures";
 *
 * The helpers run in the test process against the e2e stack's own database and Redis database
 * (playwright.config.ts puts the e2e configuration into process.env), and go through the same
 * domain code and HTTP APIs a user's actions do.
 */
import { randomUUID } from "node:crypto";
import { test as base, expect, type Page } from "@playwright/test";
import { env } from "@/lib/config/env";
import { closeBullQueues } from "@/lib/messaging/queues";
import { disconnectMongo } from "@/lib/db/connect";
import { closeRedis } from "@/lib/redis/client";
import type { UserRole } from "@/lib/db/models/user";
import type { AdminSale } from "@/lib/domain/sales/admin-sale";
import type { SaleFormPayload } from "@/lib/domain/sales/sale-input";
import { registerUser } from "@/lib/domain/users/register-user";
import { createSale } from "@/lib/domain/sales/create-sale";
import { scheduleSale } from "@/lib/domain/sales/schedule-sale";
import { saleEffects } from "@/lib/messaging/sale-schedule";
import { createLiveSale } from "@/scripts/lib/create-live-sale";
import { connectMongo } from "@/lib/db/connect";
import { User } from "@/lib/db/models/user";
import { parseUserEntry } from "@/lib/domain/booking/booking-state";
import { expireHold } from "@/lib/domain/holds/expire-hold";
import { holdEffects } from "@/lib/messaging/hold-expiry";
import { redis } from "@/lib/redis/client";
import { holdKey, saleKeys } from "@/lib/redis/keys";

export { expect };

export const test = base.extend<object, { domainConnections: void }>({
  domainConnections: [
    async ({}, use) => {
      await use();
      await Promise.all([closeBullQueues(), disconnectMongo(), closeRedis()]);
    },
    { scope: "worker", auto: true },
  ],
});

export type Account = { email: string; name: string; password: string };

/** An email no other test (or earlier run) uses: `<prefix>-<random>@example.test`. */
export function uniqueEmail(prefix = "shopper"): string {
  return `${prefix}-${randomUUID().slice(0, 8)}@example.test`;
}

/** A fresh account's details, with a unique email. */
export function newAccount(prefix = "shopper"): Account {
  return { email: uniqueEmail(prefix), name: `${prefix[0]?.toUpperCase() ?? ""}${prefix.slice(1)} Tester`, password: "correct-horse-battery" };
}

/**
 * Signs the page's browser context in through NextAuth's credentials endpoint (the session cookie
 * lands in the context, so the page is signed in on its next navigation). Fails the test if the
 * credentials are refused.
 */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  await page.request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, callbackUrl: "/", json: "true" },
    maxRedirects: 0,
  });
  const session = (await (await page.request.get("/api/auth/session")).json()) as { user?: { email?: string } };
  expect(session.user?.email, `sign-in as ${email}`).toBe(email.toLowerCase());
}

/**
 * Creates an account and signs the page in as it. Shoppers sign up through the public API
 * (POST /api/users), as the sign-up page does; marketers and admins, who cannot sign themselves
 * up, are created through the domain's registerUser.
 */
export async function signUp(page: Page, account: Account & { role?: UserRole }): Promise<void> {
  const role = account.role ?? "shopper";
  const input = { email: account.email, name: account.name, password: account.password };
  if (role === "shopper") {
    const response = await page.request.post("/api/users", { data: input });
    expect(response.status(), `sign up ${account.email}: ${await response.text()}`).toBe(201);
  } else {
    await registerUser(input, role);
  }
  await signIn(page, account.email, account.password);
}

/**
 * Creates a sale and launches it now (through createSale and launchSale, like a marketer), with
 * small defaults a test can override: 5 items at 49 EUR, the e2e stack's short hold, ending in an
 * hour, a unique name.
 */
export async function seedSale(overrides: Partial<SaleFormPayload> = {}): Promise<AdminSale> {
  const now = Date.now();
  return createLiveSale(
    {
      name: `E2E sale ${randomUUID().slice(0, 8)}`,
      description: "A sale created by an end-to-end test.",
      price: 49,
      currency: "EUR",
      stock: 5,
      startsAt: new Date(now),
      endsAt: new Date(now + 60 * 60_000),
      holdSeconds: env().DEFAULT_HOLD_SECONDS,
      waitlistMax: 1000,
      ...overrides,
    },
    { id: "e2e", email: "e2e-fixtures@example.test" },
  );
}

/**
 * Creates a draft sale starting `startsInMs` from now and lasting an hour (through createSale,
 * like the admin form), with the same small defaults as seedSale.
 */
export async function seedDraftSale(startsInMs: number, overrides: Partial<SaleFormPayload> = {}): Promise<AdminSale> {
  const start = Date.now() + startsInMs;
  return createSale(
    {
      name: `E2E draft ${randomUUID().slice(0, 8)}`,
      description: "A draft created by an end-to-end test.",
      price: 49,
      currency: "EUR",
      stock: 5,
      startsAt: new Date(start),
      endsAt: new Date(start + 60 * 60_000),
      holdSeconds: 120,
      waitlistMax: 1000,
      ...overrides,
    },
    { id: "e2e", email: "e2e-fixtures@example.test" },
  );
}

/**
 * Creates a sale and schedules it to start `startsInMs` from now (the schedule worker launches it
 * then, and draws the pre-queue), with the same small defaults as seedSale.
 */
export async function seedScheduledSale(startsInMs: number, overrides: Partial<SaleFormPayload> = {}): Promise<AdminSale> {
  const actor = { id: "e2e", email: "e2e-fixtures@example.test" };
  const draft = await seedDraftSale(startsInMs, overrides);
  return scheduleSale(draft.id, {}, actor, saleEffects);
}

/**
 * Ends a shopper's hold now, as its expiry job does once the time is up, so that a spec need not
 * race a short wall-clock hold on a busy machine: the hold's end moves to the server's now, then
 * the domain's expireHold releases it (to the waitlist's head, or to stock) as the worker would.
 * The hold's own delayed job, when it fires later, finds nothing left to do.
 */
export async function expireHoldNow(saleId: string, email: string): Promise<void> {
  await connectMongo();
  const user = await User.findOne({ email: email.toLowerCase() }).lean();
  expect(user, `an account for ${email}`).toBeTruthy();
  const entry = parseUserEntry(await redis().hget(saleKeys(saleId).users, String(user!._id)));
  expect(entry?.status, `${email}'s state in the sale`).toBe("hold");
  const [seconds] = await redis().time();
  await redis().hset(holdKey(saleId, entry!.bookingId), "expiresAt", Number(seconds) * 1000);
  const result = await expireHold(saleId, entry!.bookingId, holdEffects);
  expect(result.outcome, "expiring the hold").toBe("expired");
}
