import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { configDefaults, defineConfig } from "vitest/config";
import { readConfig } from "./scripts/lib/dotenv.mjs";
import { integrationClusterEnv, integrationEnv, integrationSqliteEnv } from "./scripts/lib/test-environments.mjs";

const root = fileURLToPath(new URL(".", import.meta.url));

// Vitest runs with NODE_ENV=test, and @next/env skips .env.local in test mode, so the tests get a
// throwaway secret of their own (unless one is set in the environment or .env.test.local).
process.env.NEXTAUTH_SECRET ??= randomBytes(32).toString("base64url");

const alias = [{ find: /^@\//, replacement: `${root}/` }];

/**
 * A suite against the real services, with its own database, Redis DB, queue and BullMQ prefix on
 * them (`env`). Its files share those services, so they take turns.
 */
function integrationProject(name: string, env: Record<string, string>, files: { include: string[]; exclude?: string[] }, testTimeout = 120_000) {
  return {
    extends: true,
    test: {
      name,
      environment: "node",
      ...files,
      globalSetup: ["./tests/integration/support/global-setup.ts"],
      setupFiles: ["./tests/integration/support/setup-file.ts"],
      fileParallelism: false,
      testTimeout,
      hookTimeout: 120_000,
      env,
    },
  } as const;
}

export default defineConfig({
  plugins: [react()],
  resolve: { alias },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          environment: "node",
          include: ["lib/**/*.test.ts", "worker/**/*.test.ts", "scripts/**/*.test.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "components",
          environment: "jsdom",
          include: ["**/*.test.tsx"],
          exclude: ["node_modules/**", ".next/**", ".tools/**", ".data/**"],
          setupFiles: ["./vitest.setup.components.ts"],
        },
      },
      integrationProject("integration", integrationEnv(readConfig()), {
        include: ["tests/integration/**/*.test.ts"],
        // Cluster specifics (sharded pub/sub, scripts on every master, a RabbitMQ node lost): the
        // cluster leg's alone.
        exclude: [...configDefaults.exclude, "tests/integration/redis-cluster.test.ts", "tests/integration/rabbitmq-cluster.test.ts"],
      }),
      // npm run test:integration:cluster: the engine, hold, race and crash files again, on a Redis
      // Cluster and a 3-node RabbitMQ cluster (the clusters' own tests, too), with the real worker.
      integrationProject(
        "integration-cluster",
        integrationClusterEnv(readConfig()),
        {
          include: [
            "tests/integration/redis-cluster.test.ts",
            "tests/integration/rabbitmq-cluster.test.ts",
            "tests/integration/booking-race.test.ts",
            "tests/integration/hold-lifecycle.test.ts",
            "tests/integration/ticket-order.test.ts",
            "tests/integration/prequeue.test.ts",
            "tests/integration/crash-recovery.test.ts",
          ],
        },
        // A hang guard only: every message is replicated to three RabbitMQ nodes on the same two
        // cores, and at load average 22 crash-recovery's first test needed more than 120 s (49 s
        // at load 10).
        300_000,
      ),
      // npm run test:integration:sqlite: MongoDB must converge to Redis on FerretDB's SQLite backend
      // too (one writer at a time, unlike the PostgreSQL one the other suites use here).
      integrationProject(
        "integration-sqlite",
        integrationSqliteEnv(readConfig()),
        { include: ["tests/integration/record-of-truth.test.ts"] },
        // A hang guard only: SQLite scans every booking for a query by sale, and the hot potato's
        // 200 rounds took 490 s at load 5-15 (about 35 s on PostgreSQL).
        900_000,
      ),
    ],
  },
});
