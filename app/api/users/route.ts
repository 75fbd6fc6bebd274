// POST /api/users — sign up a shopper account
import type { NextRequest } from "next/server";
import { spendSignUp } from "@/lib/domain/users/spend-sign-up";
import { registerUser, registrationSchema } from "@/lib/domain/users/register-user";
import { clientInfo } from "@/lib/http/client-info";
import { errorResponse, readJson } from "@/lib/http/error-response";
import { metrics } from "@/lib/metrics/registry";

export async function POST(request: NextRequest) {
  try {
    const input = registrationSchema.parse(await readJson(request));
    await spendSignUp(clientInfo(request).ip);
    const { id } = await registerUser(input);
    metrics().accountAttempts.inc({ action: "sign_up", outcome: "created" });
    return Response.json({ user: { id, email: input.email.toLowerCase(), name: input.name } }, { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}
