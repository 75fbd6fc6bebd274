import { createServer, type Server } from "node:http";
import { metrics } from "@/lib/metrics/registry";

/** Serves the worker's Prometheus metrics at /metrics (and a liveness answer at /healthz). */
export function startMetricsServer(host: string, port: number): Promise<Server> {
  const server = createServer(async (request, response) => {
    if (request.url === "/metrics") {
      response.setHeader("Content-Type", metrics().registry.contentType);
      response.end(await metrics().registry.metrics());
      return;
    }
    response.statusCode = request.url === "/healthz" ? 200 : 404;
    response.end(request.url === "/healthz" ? "ok" : "not found");
  });
  return new Promise((resolve) => server.listen(port, host, () => resolve(server)));
}
