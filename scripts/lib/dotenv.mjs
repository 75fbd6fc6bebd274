// Reads .env files without npm packages, so the service scripts run before `npm install`.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const RUN_DIR = path.join(ROOT, ".run");

/** KEY=VALUE pairs of one .env file ({} when it does not exist). */
export function parseDotEnvFile(file) {
  let text;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    return {};
  }
  const values = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([\w.-]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (!match) continue;
    let value = match[2];
    const quoted = /^(['"`])([\s\S]*)\1$/.exec(value);
    value = quoted ? quoted[2] : value.replace(/\s+#.*$/, "");
    values[match[1]] = value;
  }
  return values;
}

/** The configuration as the app sees it in development: process env, then .env.local, then .env. */
export function readConfig() {
  return { ...parseDotEnvFile(path.join(ROOT, ".env")), ...parseDotEnvFile(path.join(ROOT, ".env.local")), ...process.env };
}
