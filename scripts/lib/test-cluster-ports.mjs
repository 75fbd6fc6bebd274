// The private test clusters' addresses, with no imports: Playwright's config loader reads this
// through test-environments.mts, and cannot load modules that import others the ESM way.
/** The Redis Cluster's three masters' ports: REDIS_CLUSTER_PORT_BASE (7001) and the next two. */
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

/**
 * The private RabbitMQ cluster's three nodes: AMQP on RABBITMQ_CLUSTER_PORT_BASE (5701) and the
 * next two, Erlang distribution 20000 higher, node names made from the port so that two checkouts
 * with different bases never share one.
 */
export function testRabbitClusterNodes(config) {
  const base = Number.parseInt(config.RABBITMQ_CLUSTER_PORT_BASE || "5701", 10);
  if (!Number.isInteger(base) || base < 1024 || base > 45_533) throw new Error(`RABBITMQ_CLUSTER_PORT_BASE must be a port from 1024 to 45533 (its distribution ports are 20000 higher), not ${config.RABBITMQ_CLUSTER_PORT_BASE}`);
  return [base, base + 1, base + 2].map((port) => ({ name: `flashsale-test-${port}@localhost`, port, distPort: port + 20_000 }));
}

/** The same, as RABBITMQ_URL: one AMQP URL per node, comma-separated. */
export function testRabbitClusterUrls(config) {
  return testRabbitClusterNodes(config)
    .map((node) => `amqp://guest:guest@127.0.0.1:${node.port}`)
    .join(",");
}
