import { expect, newAccount, seedSale, signUp, test } from "./fixtures";

// The harness's own check: the e2e stack is up and wired end to end (web → RabbitMQ → worker →
// Redis), and the fixtures sign users in and launch sales the way the app does.
test("a signed-up shopper's intent on a seeded sale reaches a hold", async ({ page }) => {
  const sale = await seedSale({ stock: 1 });
  expect(sale.status).toBe("live");
  await signUp(page, newAccount());

  const intent = await page.request.post(`/api/sales/${sale.id}/intents`);
  expect(intent.status(), await intent.text()).toBe(202);
  const { statusUrl } = (await intent.json()) as { statusUrl: string };

  await expect
    .poll(async () => ((await (await page.request.get(statusUrl)).json()) as { state: string }).state, { timeout: 20_000 })
    .toBe("hold");
});
