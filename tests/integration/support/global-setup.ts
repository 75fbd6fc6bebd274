// Before the integration suite: its own database, Redis database and queue start empty, so data
// left by earlier runs (on machines whose services keep running) never slows or skews a run.
import { readConfig } from "../../../scripts/lib/dotenv.mjs";
import { integrationEnv } from "../../../scripts/lib/test-environments.mjs";

export default async function setup(): Promise<void> {
  Object.assign(process.env, integrationEnv(readConfig()));
  const { resetTestData } = await import("../../../scripts/lib/reset-test-data");
  await resetTestData("_test");
}
