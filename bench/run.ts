// npm run bench -- [--mode http|engine] [--users N] …: a flash-sale crowd against an isolated
// stack (own Redis, MongoDB database, queue, worker and web), with the invariant checks at the end.
import { isolate } from "./lib/isolate";
import { parseOptions } from "./lib/options";

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  if (!options) return 0;
  isolate(options);
  // Imported only now: the app's modules read the environment set above.
  const { runBenchmark } = await import("./lib/benchmark");
  return (await runBenchmark(options)) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
