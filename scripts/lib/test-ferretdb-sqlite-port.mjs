// The private FerretDB on SQLite of the SQLite test leg, with no imports: Playwright's config loader
// reads this through test-environments.mts, and cannot load modules that import others the ESM way.
/** Its port: FERRETDB_SQLITE_PORT (27018). */
export function testFerretDbSqlitePort(config) {
  const port = Number.parseInt(config.FERRETDB_SQLITE_PORT || "27018", 10);
  if (!Number.isInteger(port) || port < 1024 || port > 65_535) throw new Error(`FERRETDB_SQLITE_PORT must be a port from 1024 to 65535, not ${config.FERRETDB_SQLITE_PORT}`);
  return port;
}

/** The same, as a MONGODB_URL (database `flashsale`; a suite picks its own). */
export function testFerretDbSqliteUrl(config) {
  return `mongodb://127.0.0.1:${testFerretDbSqlitePort(config)}/flashsale`;
}
