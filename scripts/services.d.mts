export function up(options?: { redisCluster?: boolean }): Promise<number>;
export function stop(): Promise<number>;
export function bringUpRabbitCluster(config: Record<string, string | undefined>): Promise<string>;
