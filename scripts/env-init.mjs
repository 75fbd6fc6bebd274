#!/usr/bin/env node
// Gives a fresh clone a .env.local with a random NEXTAUTH_SECRET; never changes a value already there.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT, parseDotEnvFile } from "./lib/dotenv.mjs";

const ENV_LOCAL = path.join(ROOT, ".env.local");

export function initEnv() {
  const existing = parseDotEnvFile(ENV_LOCAL);
  if (existing.NEXTAUTH_SECRET) return "env       .env.local has NEXTAUTH_SECRET";
  const secret = randomBytes(32).toString("base64url");
  if (fs.existsSync(ENV_LOCAL)) {
    const text = fs.readFileSync(ENV_LOCAL, "utf8");
    const separator = text === "" || text.endsWith("\n") ? "" : "\n";
    fs.appendFileSync(ENV_LOCAL, `${separator}NEXTAUTH_SECRET=${secret}\n`);
    return "env       added a generated NEXTAUTH_SECRET to .env.local";
  }
  const header = "# Local settings (git-ignored). See .env.example for every variable.\n";
  fs.writeFileSync(ENV_LOCAL, `${header}NEXTAUTH_SECRET=${secret}\n`, { mode: 0o600 });
  return "env       created .env.local with a generated NEXTAUTH_SECRET";
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  console.log(initEnv());
}
