// The private Redis Cluster's addresses, with no imports: Playwright's config loader reads this
// through test-environments.mts, and cannot load modules that import others the ESM way.
/** Its three masters' ports: REDIS_CLUSTER_PORT_BASE (7001) and the next two. */
export function testClusterPorts(config) {
  const base = Number.parseInt(config.REDIS_CLUSTER_PORT_BASE || "7001", 10);
  if (!Number.isInteger(base) || base < 1024 || base > 55_532) throw new Error(`REDIS_CLUSTER_PORT_BASE must be a port from 1024 to 55532 (its bus ports are 10000 higher), not ${config.REDIS_CLUSTER_PORT_BASE}`);
  return [base, base + 1, base + 2];
}

/** The same, as REDIS_CLUSTER_NODES. */
export function testClusterNodes(config) {
  return testClusterPorts(config)
    .map((port) => `127.0.0.1:${port}`)
    .join(",");
}
