import { logger } from "@/lib/log/logger";
import { SAMPLE_INTERVAL_MS } from "@/lib/domain/admin/record-dashboard-sample";
import { sampleSaleDashboards } from "@/lib/domain/admin/sample-sale-dashboards";

/**
 * Records every sale's dashboard reading each 10 s, so the admin dashboard shows the whole sale
 * after a refresh or to a second marketer. Cheap: a few Redis reads per sale per 10 s.
 */
export function startDashboardSampler(): { stop: () => void } {
  const finished = new Set<string>();
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    sampleSaleDashboards(finished)
      .catch((error: unknown) => logger.warn({ err: error }, "dashboard sampling failed"))
      .finally(() => {
        running = false;
      });
  }, SAMPLE_INTERVAL_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
