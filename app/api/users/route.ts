// POST /api/users — sign up a shopper account
import { registerUser, registrationSchema } from "@/lib/domain/users/register-user";
import { errorResponse, readJson } from "@/lib/http/error-response";

export async function POST(request: Request) {
  try {
    const input = registrationSchema.parse(await readJson(request));
    const { id } = await registerUser(input);
    return Response.json({ user: { id, email: input.email.toLowerCase(), name: input.name } }, { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}
