// GET /api/metrics — Prometheus metrics of this web process
import { apiRoute } from "@/lib/http/api-route";
import { metrics } from "@/lib/metrics/registry";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async () => {
  const { registry } = metrics();
  return new Response(await registry.metrics(), { headers: { "Content-Type": registry.contentType } });
});
