import { z } from "zod";
import { textInput } from "@/lib/domain/text-input";

/** Block or unblock one client: a user (by id or email) or an IP address. */
export const blockInputSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("user"), value: textInput().trim().min(1, "Name the user by id or email.").max(200) }).strict(),
  z.object({ kind: z.literal("ip"), value: z.union([z.ipv4(), z.ipv6()], { error: "Enter a valid IPv4 or IPv6 address." }) }).strict(),
], { error: 'kind must be "user" or "ip"' });

export type BlockInput = z.output<typeof blockInputSchema>;
