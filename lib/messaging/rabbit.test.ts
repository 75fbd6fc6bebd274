import { beforeEach, describe, expect, it, vi } from "vitest";

const brokers = vi.hoisted(() => {
  process.env.RABBITMQ_URL = "amqp://u:secret@node1:5672, amqp://u:secret@node2:5672,amqp://u:secret@node3:5672";
  return { down: new Set<string>(), tried: [] as string[] };
});

vi.mock("amqplib", () => ({
  connect: async (url: string) => {
    const host = new URL(url).hostname;
    brokers.tried.push(host);
    if (brokers.down.has(host)) throw new Error("connect ECONNREFUSED");
    return { host, on: () => {} };
  },
}));

const { connectRabbit } = await import("@/lib/messaging/rabbit");

beforeEach(() => {
  brokers.down.clear();
  brokers.tried.length = 0;
});

describe("connectRabbit with several brokers in RABBITMQ_URL", () => {
  it("connects to the first broker listed when it answers", async () => {
    expect(await connectRabbit("test")).toMatchObject({ host: "node1" });
    expect(brokers.tried).toEqual(["node1"]);
  });

  it("passes over a broker that is down, then starts with the one that answered", async () => {
    brokers.down.add("node1");
    expect(await connectRabbit("test")).toMatchObject({ host: "node2" });
    brokers.down.clear();
    expect(await connectRabbit("test")).toMatchObject({ host: "node2" });
    expect(brokers.tried).toEqual(["node1", "node2", "node2"]);
  });

  it("names every broker it tried, without passwords, when none answers", async () => {
    for (const host of ["node1", "node2", "node3"]) brokers.down.add(host);
    const message = await connectRabbit("test").then(
      () => "connected",
      (error: Error) => error.message,
    );
    for (const host of ["node1", "node2", "node3"]) expect(message).toContain(`${host}:5672: connect ECONNREFUSED`);
    expect(message).not.toContain("secret");
  });
});
