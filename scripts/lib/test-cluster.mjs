// The private Redis Cluster the cluster test leg runs against (see scripts/services.mjs).
import path from "node:path";
import { RUN_DIR } from "./dotenv.mjs";

/** Where its nodes keep their files: `<dir>/<port>/` (nodes.conf, log, pid). */
export const TEST_CLUSTER_DIR = path.join(RUN_DIR, "redis-cluster");

export { testClusterNodes, testClusterPorts } from "./test-cluster-ports.mjs";
