// npm run bench:hot-path -- [--compare-users N|0] [--paced-rate R|0] [--waiting N] [--line N] [bench stack options…]
// The hot path side by side in one run: admissions per web CPU-second for the shipped host
// (server.ts), plain `next start` and the engine (skipped with --compare-users 0), and server.ts's latency at a fixed rate of R
// intents/s for 10 s (open loop, below saturation); then N shoppers waiting on SSE streams while a
// line drains, against the same line drained without them; and the extrapolation to 1,000,000.
import { parseArgs } from "node:util";
import { isolate } from "./lib/isolate";
import { parseOptions } from "./lib/options";

async function main(): Promise<number> {
  const { values, tokens } = parseArgs({
    args: process.argv.slice(2),
    options: { "compare-users": { type: "string", default: "3000" }, "paced-rate": { type: "string", default: "200" }, waiting: { type: "string", default: "10000" }, line: { type: "string", default: "30000" } },
    strict: false,
    tokens: true,
  });
  const own = new Set(["compare-users", "paced-rate", "waiting", "line"]);
  const rest = process.argv.slice(2).filter((_, index) => {
    const token = tokens?.find((each) => each.index === index || (each.kind === "option" && each.index + 1 === index && !each.inlineValue && own.has(each.name)));
    return !(token?.kind === "option" && own.has(token.name));
  });
  const options = parseOptions(["--mode", "http", ...rest]);
  if (!options) return 0;
  isolate(options);
  const { runHotPath } = await import("./lib/hot-path");
  await runHotPath(options, { compareUsers: Number(values["compare-users"]), pacedRate: Number(values["paced-rate"]), waiting: Number(values.waiting), line: Number(values.line) });
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(2);
  },
);
