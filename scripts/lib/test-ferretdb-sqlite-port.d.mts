export function testFerretDbSqlitePort(config: Record<string, string | undefined>): number;
export function testFerretDbSqliteUrl(config: Record<string, string | undefined>): string;
