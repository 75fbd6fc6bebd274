import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/** Upper bounds (s) of the admission-latency buckets; the dashboard's per-sale histogram uses them too. */
export const ADMISSION_SECONDS_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

const globalForMetrics = globalThis as unknown as { flashSaleMetrics?: ReturnType<typeof createMetrics> };

function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    intents: new Counter({
      name: "flashsale_intents_total",
      help: "Purchase intents by answer (admitted or the refusal code).",
      labelNames: ["outcome"] as const,
      registers: [registry],
    }),
    admissionSeconds: new Histogram({
      name: "flashsale_admission_seconds",
      help: "Time to admit an intent (rate limit, admit script, confirmed publish).",
      buckets: ADMISSION_SECONDS_BUCKETS,
      registers: [registry],
    }),
    served: new Counter({
      name: "flashsale_served_total",
      help: "Intents served by the worker, by outcome.",
      labelNames: ["outcome"] as const,
      registers: [registry],
    }),
    batchSeconds: new Histogram({
      name: "flashsale_worker_batch_seconds",
      help: "Time to serve one batch of intents.",
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    buffered: new Gauge({
      name: "flashsale_worker_buffered_messages",
      help: "Messages held by the worker waiting for their turn in ticket order.",
      registers: [registry],
    }),
    accountAttempts: new Counter({
      name: "flashsale_account_attempts_total",
      help: "Sign-ups and sign-ins by outcome (created, refused_ip_budget, signed_in, wrong_password, paused).",
      labelNames: ["action", "outcome"] as const,
      registers: [registry],
    }),
    holdsReleased: new Counter({
      name: "flashsale_holds_released_total",
      help: "Holds ended by expiry or cancel.",
      labelNames: ["reason"] as const,
      registers: [registry],
    }),
  };
}

/** The process's Prometheus registry and metrics (one set per process, kept across hot reloads). */
export function metrics() {
  globalForMetrics.flashSaleMetrics ??= createMetrics();
  return globalForMetrics.flashSaleMetrics;
}
