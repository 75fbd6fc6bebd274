import { readFileSync, readdirSync, readlinkSync } from "node:fs";

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

function readStat(pid: number): { ppid: number; ticks: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces and parentheses; fields after the last ")" are fixed.
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null;
  }
}

function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readStat(Number(name));
    if (!stat) continue;
    children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), Number(name)]);
  }
  const all: number[] = [];
  const pending = [pid];
  while (pending.length) {
    const next = pending.pop()!;
    all.push(next);
    pending.push(...(children.get(next) ?? []));
  }
  return all;
}

/** CPU seconds (user + system) spent so far by a process, with its descendants unless told not to. */
export function cpuSeconds(pid: number, withDescendants = true): number {
  let ticks = 0;
  for (const each of withDescendants ? descendants(pid) : [pid]) ticks += readStat(each)?.ticks ?? 0;
  return ticks / TICKS_PER_SECOND;
}

/** Peak resident memory (VmHWM) of a process, in bytes; null once it is gone. */
export function peakRssBytes(pid: number): number | null {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/**
 * The pid of the process listening on a local TCP port (the RabbitMQ or FerretDB serving us,
 * even when other instances run beside it); null if none or not ours to see.
 */
export function pidListeningOn(port: number): number | null {
  const inodes = new Set<string>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text = "";
    try {
      text = readFileSync(table, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const fields = line.trim().split(/\s+/);
      // local_address is HEXIP:HEXPORT, state 0A is LISTEN, field 9 is the socket inode.
      if (fields[3] === "0A" && Number.parseInt(fields[1]?.split(":")[1] ?? "", 16) === port && fields[9]) inodes.add(`socket:[${fields[9]}]`);
    }
  }
  if (inodes.size === 0) return null;
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      for (const fd of readdirSync(`/proc/${name}/fd`)) if (inodes.has(readlinkSync(`/proc/${name}/fd/${fd}`))) return Number(name);
    } catch {
      // gone, or not ours to read
    }
  }
  return null;
}

/** `alone`: count the process without its children (the benchmark, whose children are tracked apart). */
export type TrackedProcess = { name: string; pid: number; role: string; alone?: boolean };

/** Busy CPU seconds of the whole machine so far, from the first line of /proc/stat. */
function machineBusySeconds(): number {
  const fields = readFileSync("/proc/stat", "utf8").split("\n", 1)[0]!.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal: everything but idle and iowait is work.
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
  return (user + nice + system + irq + softirq + steal) / TICKS_PER_SECOND;
}

/** CPU seconds per tracked process, and of the whole machine, at one instant. */
export type CpuSnapshot = { at: number; seconds: Record<string, number>; machine: number };

export function cpuSnapshot(processes: TrackedProcess[]): CpuSnapshot {
  return {
    at: Date.now(),
    seconds: Object.fromEntries(processes.map((each) => [each.name, cpuSeconds(each.pid, !each.alone)])),
    machine: machineBusySeconds(),
  };
}

export type CpuUsage = { name: string; role: string; cpuSeconds: number; coresBusy: number };

/**
 * CPU used between two snapshots, as seconds and as cores kept busy on average, per process;
 * then the whole machine, and what the untracked processes (other people's work) took of it.
 */
export function cpuBetween(processes: TrackedProcess[], from: CpuSnapshot, to: CpuSnapshot): CpuUsage[] {
  const wallSeconds = Math.max((to.at - from.at) / 1000, 1e-3);
  const usage = (name: string, role: string, used: number) => ({ name, role, cpuSeconds: round(used, 2), coresBusy: round(used / wallSeconds, 2) });
  const each = processes.map(({ name, role }) => usage(name, role, Math.max(0, (to.seconds[name] ?? 0) - (from.seconds[name] ?? 0))));
  const machine = Math.max(0, to.machine - from.machine);
  const tracked = each.reduce((sum, process) => sum + process.cpuSeconds, 0);
  return [...each, usage("everything else", "untracked", Math.max(0, machine - tracked)), usage("machine", "total", machine)];
}

export function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
