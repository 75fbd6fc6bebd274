// GET|POST /api/auth/* — next-auth sign-in, sign-out, session (behind the API's rules: see authRoute)
import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { authRoute } from "@/lib/http/auth-route";

const handler = authRoute(NextAuth(authOptions));

export { handler as GET, handler as POST };
