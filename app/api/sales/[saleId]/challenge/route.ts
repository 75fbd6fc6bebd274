// GET /api/sales/:saleId/challenge — a proof-of-work challenge to solve before posting an intent
import type { NextRequest } from "next/server";
import { requireUser } from "@/lib/auth/current-user";
import { issueProofChallenge } from "@/lib/domain/admission/proof-of-work";
import { clientInfo } from "@/lib/http/client-info";
import { errorResponse } from "@/lib/http/error-response";

export async function GET(request: NextRequest, { params }: { params: Promise<{ saleId: string }> }) {
  try {
    const [{ saleId }, user] = await Promise.all([params, requireUser(request)]);
    const challenge = await issueProofChallenge({ saleId, userId: user.id, ip: clientInfo(request).ip });
    return Response.json(challenge, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error, request);
  }
}
