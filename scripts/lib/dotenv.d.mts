/** Values from .env, then .env.local, then the process environment (later ones win). */
export function readConfig(): Record<string, string | undefined>;
