// Before an integration suite: its own database, Redis and queue start empty, so data left by
// earlier runs (on machines whose services keep running) never slows or skews a run. The suite's
// configuration (single Redis or the test cluster) comes from its project in vitest.config.mts.
import type { TestProject } from "vitest/node";

export default async function setup(project: TestProject): Promise<void> {
  Object.assign(process.env, project.config.env);
  const { resetTestData } = await import("../../../scripts/lib/reset-test-data");
  await resetTestData("_test");
}
