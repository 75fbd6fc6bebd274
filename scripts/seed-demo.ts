// npm run seed — the demo accounts and a live demo sale; safe to run again (it only adds what is missing).
import { env } from "@/lib/config/env";
import { connectMongo, disconnectMongo } from "@/lib/db/connect";
import { Sale } from "@/lib/db/models/sale";
import type { UserRole } from "@/lib/db/models/user";
import { DomainError } from "@/lib/errors/domain-error";
import { closeBullQueues } from "@/lib/messaging/queues";
import { closeRedis } from "@/lib/redis/client";
import { registerUser } from "@/lib/domain/users/register-user";
import { createLiveSale } from "@/scripts/lib/create-live-sale";

const DEMO_ACCOUNTS: { email: string; name: string; password: string; role: UserRole }[] = [
  { email: "shopper@example.com", name: "Demo Shopper", password: "shopper-demo-2024", role: "shopper" },
  { email: "marketer@example.com", name: "Demo Marketer", password: "marketer-demo-2024", role: "marketer" },
];

const DEMO_SALE_NAME = "Limited Sneaker Drop";

async function ensureAccount(account: (typeof DEMO_ACCOUNTS)[number]): Promise<string> {
  try {
    await registerUser(account, account.role);
    return "created";
  } catch (error) {
    if (error instanceof DomainError && error.code === "conflict") return "exists";
    throw error;
  }
}

async function ensureDemoSale(): Promise<string> {
  await connectMongo();
  const existing = await Sale.findOne({ name: DEMO_SALE_NAME }).lean();
  if (existing) return `exists (${existing.status})`;
  const now = Date.now();
  const sale = await createLiveSale(
    {
      name: DEMO_SALE_NAME,
      description: "1,000 pairs of a limited sneaker, one per customer. Press Buy, wait your turn, and confirm within five minutes.",
      image: "/images/demo/sneaker.webp",
      price: 129,
      currency: "EUR",
      stock: 1000,
      startsAt: new Date(now),
      endsAt: new Date(now + 24 * 60 * 60_000),
      holdSeconds: 300,
      waitlistMax: 1000,
    },
    { id: "seed", email: "seed-demo" },
  );
  return `created, live until ${sale.endsAt}`;
}

async function seedDemo(): Promise<void> {
  const url = env().NEXTAUTH_URL;
  console.log("Demo data:");
  for (const account of DEMO_ACCOUNTS) {
    console.log(`  ${account.role.padEnd(9)} ${account.email} / ${account.password}  (${await ensureAccount(account)})`);
  }
  console.log(`  sale      "${DEMO_SALE_NAME}"  (${await ensureDemoSale()})`);
  console.log(`  open      ${url}  (admin pages: ${url}/admin, signed in as the marketer)`);
}

seedDemo()
  .catch((error: unknown) => {
    console.error("seeding the demo failed:", error);
    process.exitCode = 1;
  })
  .finally(() => Promise.all([closeBullQueues(), disconnectMongo(), closeRedis()]));
