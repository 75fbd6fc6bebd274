// Empties the e2e stack's database, Redis database and booking queue, so every Playwright run starts
// clean. Playwright runs it before it starts the worker and the web server (playwright.config.ts).
import { resetTestData } from "../../scripts/lib/reset-test-data";

resetTestData("_e2e").then(
  () => console.log("e2e data reset"),
  (error: unknown) => {
    console.error("e2e data reset failed:", error);
    process.exit(1);
  },
);
