// POST /api/sales/:saleId/intents — join the sale's queue with a solved challenge (202 with ticket and position)
import { requireUser } from "@/lib/auth/current-user";
import { admitIntent } from "@/lib/domain/admission/admit-intent";
import { checkProof, readProof } from "@/lib/domain/admission/proof-of-work";
import { errorResponse, readJson } from "@/lib/http/error-response";
import { clientInfo } from "@/lib/http/client-info";
import { jsonResponse } from "@/lib/http/json-response";
import type { HandlerRequest, SaleRouteContext } from "@/lib/http/handler-request";
import { publishBookingRequest } from "@/lib/messaging/publish-booking-request";
import { metrics } from "@/lib/metrics/registry";
import { recordAdmissionLatency } from "@/lib/domain/admin/record-admission-latency";

export async function POST(request: HandlerRequest, { params }: SaleRouteContext) {
  const stopTimer = metrics().admissionSeconds.startTimer();
  const startedAt = performance.now();
  try {
    const [{ saleId }, user] = await Promise.all([params, requireUser(request)]);
    // Checked before anything is spent, so a forged or stale proof changes nothing; admission spends it.
    const proof = checkProof(readProof(await readJson(request)), { saleId, userId: user.id });
    const admitted = await admitIntent({ saleId, userId: user.id, ...clientInfo(request), proof }, publishBookingRequest);
    metrics().intents.inc({ outcome: "admitted" });
    recordAdmissionLatency(saleId, (performance.now() - startedAt) / 1000);
    return jsonResponse({ ...admitted, statusUrl: `/api/sales/${saleId}/status` }, { status: 202 });
  } catch (error) {
    const response = errorResponse(error, request);
    metrics().intents.inc({ outcome: response.status === 500 ? "error" : String(response.status) });
    return response;
  } finally {
    stopTimer();
  }
}
