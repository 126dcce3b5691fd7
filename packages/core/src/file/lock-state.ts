// Synchronous file system calls throughout, and so synchronous functions: a run makes
// a handful, and a thread-pool round trip each costs more than the calls (docs/performance.md).
import { lstatSync, lutimesSync, readFileSync, readlinkSync, rmdirSync, symlinkSync, unlinkSync, utimesSync, writeFileSync } from "node:fs";
import { formatOwner, isLocalOwner, isOwnerDead, parseOwner, type LockOwner } from "./lock-owner.js";

/** A lock (or `.break` lock) whose owner cannot be checked is abandoned when untouched for this long, in ms. */
export const STALE_MS = 10_000;

/** A lock as found on disk. */
export interface LockState {
  /** Undefined when the lock is not one of ours (an older version's lock directory). */
  owner: LockOwner | undefined;
  /** Last touched, in ms since the epoch. */
  mtimeMs: number;
  kind: "link" | "file" | "directory";
}

/**
 * Creates the lock at `path` naming `owner`, atomically with its content: a symlink (a plain file
 * created exclusively where symlinks need privileges, on Windows).
 *
 * @returns false when a lock is already there.
 * @throws the file system's error for anything else.
 */
export function createLock(path: string, owner: LockOwner): boolean {
  try {
    try {
      symlinkSync(formatOwner(owner), path);
    } catch (error) {
      if (process.platform !== "win32" || (error as NodeJS.ErrnoException).code !== "EPERM") throw error;
      writeFileSync(path, formatOwner(owner), { flag: "wx" });
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}

/** Reads the lock at `path`; `undefined` when there is none. */
export function inspectLock(path: string): LockState | undefined {
  try {
    const info = lstatSync(path);
    const kind = info.isSymbolicLink() ? "link" : info.isDirectory() ? "directory" : "file";
    const text = kind === "link" ? readlinkSync(path) : kind === "file" ? readFileSync(path, "utf8") : "";
    return { owner: parseOwner(text), mtimeMs: info.mtimeMs, kind };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/**
 * Whether a lock's holder is gone: dead on this host (pid checked), or, when that cannot be checked
 * (another host or pid namespace, an older version's lock), not touched for `STALE_MS`. A live holder on this host is
 * never judged gone, however old its lock.
 */
export function isAbandoned(state: LockState): boolean {
  if (state.owner && isLocalOwner(state.owner)) return isOwnerDead(state.owner);
  return Date.now() - state.mtimeMs > STALE_MS;
}

/** Removes a lock as found by `inspectLock` (missing already is fine). */
export function removeLock(path: string, state: LockState): void {
  try {
    if (state.kind === "directory") rmdirSync(path);
    else unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
}

/** Touches `owner`'s lock so that runs on other hosts see it is alive. */
export function refreshLock(path: string, owner: LockOwner): void {
  const state = inspectLock(path);
  if (state?.owner?.token !== owner.token) return;
  const now = new Date();
  if (state.kind === "link") lutimesSync(path, now, now);
  else utimesSync(path, now, now);
}
