import type { TestRabbitNode } from "./test-cluster-ports.mjs";

export type { TestRabbitNode } from "./test-cluster-ports.mjs";
export { testRabbitClusterNodes, testRabbitClusterUrls } from "./test-cluster-ports.mjs";
export type BrokerCommand = { command: string; args: string[]; env: NodeJS.ProcessEnv };
export const TEST_RABBIT_CLUSTER_DIR: string;
export function rabbitNodeDir(node: TestRabbitNode): string;
export function rabbitNodePidFile(node: TestRabbitNode): string;
export function rabbitNodeMembers(node: TestRabbitNode): string[];
export function rabbitProgram(name: string): string | undefined;
export function brokerCommand(program: string, args: string[], vars?: Record<string, string>): BrokerCommand;
export function rabbitCtlCommand(node: TestRabbitNode, args: string[], program?: string): BrokerCommand;
export function rabbitNodeEnv(node: TestRabbitNode): Record<string, string>;
export function prepareRabbitClusterDir(nodes: TestRabbitNode[]): void;
