import { solveChallenge, type Challenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/sha";
import { encodeProof } from "@/lib/domain/admission/proof-payload";
import { expect, newAccount, seedSale, signUp, test } from "./fixtures";

// The harness's own check: the e2e stack is up and wired end to end (web → RabbitMQ → worker →
// Redis), and the fixtures sign users in and launch sales the way the app does.
test("a signed-up shopper's intent on a seeded sale reaches a hold", async ({ page }) => {
  const sale = await seedSale({ stock: 1 });
  expect(sale.status).toBe("live");
  await signUp(page, newAccount());

  // The API as a script would use it: fetch the challenge, pay for it, post the proof.
  const challenge = await page.request.get(`/api/sales/${sale.id}/challenge`);
  expect(challenge.status(), await challenge.text()).toBe(200);
  const parsed = (await challenge.json()) as Challenge;
  const solution = await solveChallenge({ challenge: parsed, deriveKey });
  const intent = await page.request.post(`/api/sales/${sale.id}/intents`, { data: { proof: encodeProof(parsed, solution!) } });
  expect(intent.status(), await intent.text()).toBe(202);
  const { statusUrl } = (await intent.json()) as { statusUrl: string };

  await expect
    .poll(async () => ((await (await page.request.get(statusUrl)).json()) as { state: string }).state, { timeout: 20_000 })
    .toBe("hold");
});
