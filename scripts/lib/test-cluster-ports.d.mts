export function testClusterPorts(config: Record<string, string | undefined>): number[];
export function testClusterNodes(config: Record<string, string | undefined>): string;
export type TestRabbitNode = { name: string; port: number; distPort: number };
export function testRabbitClusterNodes(config: Record<string, string | undefined>): TestRabbitNode[];
export function testRabbitClusterUrls(config: Record<string, string | undefined>): string;
