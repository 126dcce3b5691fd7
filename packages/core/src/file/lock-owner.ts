import { randomBytes } from "node:crypto";
import { readFileSync, readlinkSync } from "node:fs";
import { hostname } from "node:os";

/**
 * Who holds a lock: written as the lock symlink's target (`ls -l` shows it), e.g.
 * `integrations pid=4242 host=build-7 ns=4026531836 start=912345 token=9f…`. `ns` is the pid
 * namespace (Linux `/proc/self/ns/pid`: containers sharing a host name and a volume do not share
 * pids) and `start` the process's start time (`/proc/<pid>/stat`, clock ticks since boot), so that a
 * pid reused by an unrelated process is not mistaken for the holder; both are absent off Linux.
 * `token` tells two locks of one process apart.
 */
export interface LockOwner {
  pid: number;
  host: string;
  ns?: string;
  start?: string;
  token: string;
}

const FORMAT = /^integrations pid=(\d+) host=(\S+)(?: ns=(\d+))?(?: start=(\d+))? token=([0-9a-f]+)$/;

/** This process as a lock owner, with a fresh token. */
export function currentOwner(): LockOwner {
  const ns = pidNamespace();
  const start = processStart(process.pid);
  return { pid: process.pid, host: hostname(), ...(ns ? { ns } : {}), ...(start ? { start } : {}), token: randomBytes(8).toString("hex") };
}

/** The text a lock holds for `owner`. */
export function formatOwner(owner: LockOwner): string {
  const ns = owner.ns ? ` ns=${owner.ns}` : "";
  const start = owner.start ? ` start=${owner.start}` : "";
  return `integrations pid=${owner.pid} host=${owner.host}${ns}${start} token=${owner.token}`;
}

/** Parses a lock's text; `undefined` when it is not one of ours (an older version's lock, say). */
export function parseOwner(text: string): LockOwner | undefined {
  const match = FORMAT.exec(text.trim());
  if (!match) return undefined;
  const [, pid, host, ns, start, token] = match;
  return { pid: Number(pid), host: host!, ...(ns ? { ns } : {}), ...(start ? { start } : {}), token: token! };
}

/** Whether an owner's pid can be checked from here: same host name and (where known) pid namespace. */
export function isLocalOwner(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return false;
  const ns = pidNamespace();
  return !owner.ns || !ns || owner.ns === ns;
}

/**
 * Whether a local owner (`isLocalOwner`) is gone: its pid no longer exists, or now belongs to a
 * process started at another time. `false` means alive.
 */
export function isOwnerDead(owner: LockOwner): boolean {
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    // EPERM: the pid exists but belongs to another user; alive.
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
  const start = owner.start ? processStart(owner.pid) : undefined;
  return start !== undefined && start !== owner.start;
}

/** The inode number of `/proc/self/ns/pid` (`pid:[4026531836]`); `undefined` off Linux. */
function pidNamespace(): string | undefined {
  try {
    return /\[(\d+)\]/.exec(readlinkSync("/proc/self/ns/pid"))?.[1];
  } catch {
    return undefined;
  }
}

/** Field 22 of `/proc/<pid>/stat` (the start time); `undefined` off Linux or when unreadable. */
function processStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  } catch {
    return undefined;
  }
}
