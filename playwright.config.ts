import fs from "node:fs";
import { loadEnvConfig } from "@next/env";
import { defineConfig, devices } from "@playwright/test";
import { e2eEnv } from "./scripts/lib/test-environments.mjs";

// The e2e stack's configuration (own database, Redis DB, queue; port 3100; 8-second holds) on the
// servers .env.local points at. It goes into process.env too, so the fixtures' domain calls in the
// test workers reach the same stack.
loadEnvConfig(process.cwd(), true, { info: () => {}, error: console.error });
const stack = e2eEnv(process.env);
Object.assign(process.env, stack);

// Debian's chromium; the suite never downloads a browser (`npx playwright install`).
const CHROMIUM = "/usr/bin/chromium";
if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (sudo apt-get install -y chromium).`);

const bin = (name: string) => `node_modules/.bin/${name}`;

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  outputDir: "e2e/artifacts",
  // One stack (one database, one queue) serves the whole suite, so specs run one at a time.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  // A bound against hangs, not a pace: on a loaded 2-core machine a save and redirect took over 10 s.
  expect: { timeout: 20_000 },
  reporter: [["list"], ["html", { outputFolder: "playwright-report", open: "never" }]],
  use: {
    baseURL: stack.NEXTAUTH_URL,
    headless: true,
    screenshot: "on",
    trace: "retain-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: CHROMIUM,
          args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        },
      },
    },
  ],
  // Started in this order and stopped in reverse: the worker first, after emptying the e2e data, so
  // the web server (built only when the sources changed) never sees a half-reset store.
  webServer: [
    {
      name: "worker",
      command: `${bin("tsx")} e2e/support/reset-e2e-data.ts && ${bin("tsx")} worker/index.ts`,
      url: `http://127.0.0.1:${stack.WORKER_METRICS_PORT}/metrics`,
      env: { ...stack, SERVICE_NAME: "worker" },
      reuseExistingServer: false,
      timeout: 120_000,
      gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
      stdout: "pipe",
    },
    {
      name: "web",
      command: `node scripts/lib/next-build.mjs && ${bin("tsx")} server.ts`,
      url: `${stack.NEXTAUTH_URL}/api/health`,
      env: { ...stack, SERVICE_NAME: "web", NODE_ENV: "production" },
      reuseExistingServer: false,
      timeout: 600_000,
      gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
      stdout: "pipe",
    },
  ],
});
