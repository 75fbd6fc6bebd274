/** Who did an admin action: a signed-in marketer or admin, or the scheduler. */
export type Actor = { id: string; email: string };

export const SCHEDULER_ACTOR: Actor = { id: "system", email: "scheduler" };
