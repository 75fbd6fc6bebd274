import bcrypt from "bcryptjs";
import { connectMongo } from "@/lib/db/connect";
import { User, type UserRole } from "@/lib/db/models/user";
import { DomainError } from "@/lib/errors/domain-error";
import type { Registration } from "@/lib/domain/users/registration-input";

export { registrationSchema, type Registration } from "@/lib/domain/users/registration-input";

const DUPLICATE_KEY = 11000;

/** Creates an account; a taken email is a 409, decided by the unique index, not a prior lookup. */
export async function registerUser(input: Registration, role: UserRole = "shopper"): Promise<{ id: string }> {
  await connectMongo();
  const passwordHash = await bcrypt.hash(input.password, 10);
  try {
    const user = await User.create({ email: input.email.toLowerCase(), name: input.name, passwordHash, role });
    return { id: String(user._id) };
  } catch (error) {
    if ((error as { code?: number }).code === DUPLICATE_KEY) {
      throw new DomainError("conflict", "An account with this email already exists.");
    }
    throw error;
  }
}
