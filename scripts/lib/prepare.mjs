// The steps `npm start` and `npm test` share: dependencies, .env.local, services.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "./dotenv.mjs";
import { initEnv } from "../env-init.mjs";
import { up } from "../services.mjs";

function ensureDependencies() {
  if (fs.existsSync(path.join(ROOT, "node_modules", ".bin", "next"))) return;
  console.log("deps      node_modules is missing: npm ci ...");
  const result = spawnSync("npm", ["ci"], { cwd: ROOT, stdio: "inherit" });
  if (result.status !== 0) throw new Error("npm ci failed");
}

/**
 * Installs dependencies if missing, creates .env.local, brings the services up (and the test Redis
 * Cluster and RabbitMQ cluster with `redisCluster`, the test FerretDB on SQLite with
 * `ferretDbSqlite`); throws on failure.
 */
export async function prepare({ redisCluster = false, ferretDbSqlite = false } = {}) {
  ensureDependencies();
  console.log(initEnv());
  if ((await up({ redisCluster, ferretDbSqlite })) !== 0) throw new Error("services are not available");
}
