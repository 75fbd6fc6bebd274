// GET /api/metrics — Prometheus metrics of this web process
import { metrics } from "@/lib/metrics/registry";

export const dynamic = "force-dynamic";

export async function GET() {
  const { registry } = metrics();
  return new Response(await registry.metrics(), { headers: { "Content-Type": registry.contentType } });
}
