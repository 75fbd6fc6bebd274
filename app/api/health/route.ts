// GET /api/health — reports Redis, RabbitMQ and MongoDB; 503 names whatever does not answer
import { checkDependencies } from "@/lib/domain/health/check-dependencies";
import { apiRoute } from "@/lib/http/api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async () => {
  const dependencies = await checkDependencies();
  const failing = dependencies.filter((dependency) => !dependency.ok).map((dependency) => dependency.name);
  const body = failing.length
    ? { status: "degraded", failing, dependencies, error: { code: "unavailable", message: `Not answering: ${failing.join(", ")}` } }
    : { status: "ok", dependencies };
  return Response.json(body, { status: failing.length ? 503 : 200, headers: { "Cache-Control": "no-store" } });
});
