export function testClusterPorts(config: Record<string, string | undefined>): number[];
export function testClusterNodes(config: Record<string, string | undefined>): string;
