import { connectMongo } from "@/lib/db/connect";
import { redis } from "@/lib/redis/client";
import { connectRabbit } from "@/lib/messaging/rabbit";

export type DependencyHealth = { name: "redis" | "rabbitmq" | "mongodb"; ok: boolean; latencyMs: number; error?: string };

const TIMEOUT_MS = 2000;

async function probe(name: DependencyHealth["name"], check: () => Promise<unknown>): Promise<DependencyHealth> {
  const started = performance.now();
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS).unref()),
    ]);
    return { name, ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { name, ok: false, latencyMs: Math.round(performance.now() - started), error: (error as Error).message };
  }
}

/** Pings Redis, RabbitMQ and MongoDB in parallel, each bounded by a timeout. */
export function checkDependencies(): Promise<DependencyHealth[]> {
  return Promise.all([
    probe("redis", () => redis().ping()),
    probe("rabbitmq", async () => {
      const connection = await connectRabbit("health-check");
      await connection.close();
    }),
    probe("mongodb", async () => {
      const mongoose = await connectMongo();
      await mongoose.connection.db?.admin().ping();
    }),
  ]);
}
