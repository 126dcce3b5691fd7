// What this process holds and has done to config files, for a run that a signal stops (SIGINT,
// SIGTERM): its locks are released on the way out, and its message can say whether a file was
// written. Process-wide by nature: a signal handler has no run to ask.
import { readFileSync, readlinkSync, unlinkSync } from "node:fs";
import { parseOwner } from "./lock-owner.js";

const locks = new Map<string, string>(); // lock path → our owner token
const written = new Set<string>();

/** `withFileLock` took the lock at `path` with `token`. */
export function noteLockTaken(path: string, token: string): void {
  locks.set(path, token);
}

/** `withFileLock` is done with the lock at `path` (released, or given up). */
export function noteLockReleased(path: string): void {
  locks.delete(path);
}

/** `writeConfigBytes` replaced `file`. */
export function noteWritten(file: string): void {
  written.add(file);
}

/** The config files this process has written, as they were named to `writeConfigBytes`. */
export function filesWritten(): string[] {
  return [...written];
}

/**
 * Removes, synchronously, every lock this process still holds (each only while it still names this
 * process's token): for a signal handler about to end the process.
 */
export function releaseLocksNow(): void {
  for (const [path, token] of locks) {
    try {
      let text: string;
      try {
        text = readlinkSync(path);
      } catch {
        text = readFileSync(path, "utf8"); // a plain-file lock (Windows)
      }
      if (parseOwner(text)?.token === token) unlinkSync(path);
    } catch {
      // gone already, or not ours to remove
    }
    locks.delete(path);
  }
}
