// A web process of its own for the scale-out tests: admits the users it reads from stdin through
// the real intent route, on its own Redis and RabbitMQ connections, and prints the answers' statuses.
import { disconnectMongo } from "@/lib/db/connect";
import { closeRabbitPublisher } from "@/lib/messaging/rabbit";
import { closeRedis } from "@/lib/redis/client";
import { mapLimit, postIntentAs, type IntentJob } from "./harness";

async function main(): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const jobs = JSON.parse(Buffer.concat(chunks).toString("utf8")) as IntentJob[];
  const statuses = await mapLimit(jobs, 20, async (job) => (await postIntentAs(job.userId, job.saleId, { ip: job.ip })).status);
  process.stdout.write(JSON.stringify(statuses));
  await Promise.all([closeRabbitPublisher(), closeRedis(), disconnectMongo()]);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
