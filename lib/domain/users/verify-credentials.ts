import bcrypt from "bcryptjs";
import { connectMongo } from "@/lib/db/connect";
import { User, type UserRole } from "@/lib/db/models/user";

export type VerifiedUser = { id: string; email: string; name: string; role: UserRole };

export async function verifyCredentials(email: string, password: string): Promise<VerifiedUser | null> {
  await connectMongo();
  const user = await User.findOne({ email: email.toLowerCase() }).lean();
  if (!user || user.blocked) return null;
  if (!(await bcrypt.compare(password, user.passwordHash))) return null;
  return { id: String(user._id), email: user.email, name: user.name, role: user.role as UserRole };
}
