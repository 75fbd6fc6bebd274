// POST /api/users — sign up a shopper account
import { spendSignUp } from "@/lib/domain/users/spend-sign-up";
import { registerUser, registrationSchema } from "@/lib/domain/users/register-user";
import { apiRoute } from "@/lib/http/api-route";
import { clientInfo } from "@/lib/http/client-info";
import { readJson } from "@/lib/http/error-response";
import { metrics } from "@/lib/metrics/registry";

export const POST = apiRoute(async (request) => {
  const input = registrationSchema.parse(await readJson(request));
  await spendSignUp(clientInfo(request).ip);
  const { id } = await registerUser(input);
  metrics().accountAttempts.inc({ action: "sign_up", outcome: "created" });
  return Response.json({ user: { id, email: input.email.toLowerCase(), name: input.name } }, { status: 201 });
});
