import { z } from "zod";
import { textInput } from "@/lib/domain/text-input";

/** A new account's fields. No server imports: the sign-up form checks with it before sending. */
export const registrationSchema = z.object({
  email: z.email("Enter a valid email address.").max(200),
  name: textInput().trim().min(1, "Enter your name.").max(100),
  password: textInput().min(8, "Use at least 8 characters.").max(200),
});

export type Registration = z.infer<typeof registrationSchema>;
