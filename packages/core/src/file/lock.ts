import { dirname } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { FileError } from "../errors.js";
import { noteLockReleased, noteLockTaken } from "./in-flight.js";
import { currentOwner, type LockOwner } from "./lock-owner.js";
import { createLock, inspectLock, isAbandoned, refreshLock, removeLock } from "./lock-state.js";
import { resolveConfigTarget, type ConfigTarget } from "./target.js";

/** How long a run waits for one live holder before giving up, in ms (each new holder restarts it). */
const WAIT_MS = 30_000;
/** How often a holder touches its lock, in ms, for runs on other hosts (which cannot check its pid). */
const REFRESH_MS = 2_000;
/**
 * How old an abandoned lock at the top clearing level must be before it is removed, in ms: only a
 * `.break.break` lock is judged by age alone, and only clearers killed twice in a row leave one.
 */
const BREAK_STALE_MS = 10_000;
/** Clearing levels: `.lock` is cleared under `.lock.break`, a dead `.lock.break` under `.lock.break.break`. */
const BREAK_LEVELS = 2;

/**
 * Runs `work` while holding an exclusive lock on a config file, so that concurrent runs of the CLI
 * never lose each other's changes. The lock is a symlink `<file>.lock` beside the real file (links
 * followed) whose target names the holder (`integrations pid=… host=… ns=… start=… token=…`).
 *
 * A live holder's lock is never taken, however long it works: on this host its pid is checked, not a
 * timestamp. A lock whose holder is dead (pid gone or reused) is cleared at once; one held from
 * another host or pid namespace, or left by an older version of the CLI, is cleared when not
 * refreshed for 10 s (a holder refreshes every 2 s). Clearing happens under a second lock,
 * `<file>.lock.break`, and the lock is judged again under it, so that two waiters never clear a lock
 * that a third has just taken.
 * Waits up to 30 s for any one live holder: a queue of many short runs is waited out, however long.
 *
 * `config` is the target an edit resolved, or a path to resolve here.
 *
 * @throws FileError when the lock cannot be had in time or cannot be created (a read-only directory).
 */
export async function withFileLock<T>(config: ConfigTarget | string, work: () => T | Promise<T>): Promise<T> {
  const { file, realPath } = typeof config === "string" ? resolveConfigTarget(config) : config;
  const path = `${realPath}.lock`;
  const owner = await acquire(path, file);
  noteLockTaken(path, owner.token);
  const timer = setInterval(() => unlessFailing(() => refreshLock(path, owner)), REFRESH_MS);
  timer.unref();
  try {
    return await work();
  } finally {
    clearInterval(timer);
    const state = unlessFailing(() => inspectLock(path));
    if (state?.owner?.token === owner.token) unlessFailing(() => removeLock(path, state));
    noteLockReleased(path);
  }
}

async function acquire(path: string, file: string): Promise<LockOwner> {
  const owner = currentOwner();
  let deadline = 0;
  let holder: string | undefined;
  for (let delay = 10; ; delay = Math.min(delay * 1.5, 200)) {
    if (create(path, owner, file)) {
      // A clearer killed after removing a dead lock leaves its `.break` behind: tidy it now.
      const left = unlessFailing(() => inspectLock(`${path}.break`));
      if (left && isAbandoned(left)) unlessFailing(() => clearAbandoned(`${path}.break`, file, 2));
      return owner;
    }
    const state = inspectLock(path);
    if (!state) continue; // released meanwhile: try again at once
    if (isAbandoned(state) && clearAbandoned(path, file)) continue;
    const seen = state.owner?.token ?? state.kind;
    if (seen !== holder) [holder, deadline] = [seen, Date.now() + WAIT_MS];
    else if (Date.now() >= deadline) {
      const who = state.owner ? `pid ${state.owner.pid} on ${state.owner.host}` : "an older version";
      throw new FileError(`${file} is locked by another integrations run (${who}); wait for it and run again, or remove ${path} if no integrations run is active`);
    }
    await sleep(delay * (1 + Math.random()));
  }
}

/**
 * Removes the lock at `path` if, judged again under the lock `<path>.break`, it is still abandoned:
 * only the holder of `.break` may remove the lock, so two waiters never clear a lock that a third has
 * just taken. A `.break` lock is held for a few system calls; one whose holder is dead (a clearer
 * killed meanwhile) or, where its pid cannot be checked, untouched for 10 s, is cleared the same way
 * one level up, under `<path>.break.break`. That top level is removed when abandoned and 10 s old.
 *
 * @param level 1 for the lock itself, 2 for its `.break` lock.
 * @returns false when `.break` is held by a live waiter, or not yet clearable (the caller waits a
 *   moment and looks again).
 */
function clearAbandoned(path: string, file: string, level = 1): boolean {
  const breakPath = `${path}.break`;
  const breaker = currentOwner();
  if (!create(breakPath, breaker, file)) {
    const other = inspectLock(breakPath);
    if (!other || !isAbandoned(other)) return false;
    if (level < BREAK_LEVELS) return clearAbandoned(breakPath, file, level + 1);
    if (Date.now() - other.mtimeMs > BREAK_STALE_MS) unlessFailing(() => removeLock(breakPath, other));
    return false;
  }
  try {
    const state = inspectLock(path);
    if (state && isAbandoned(state)) removeLock(path, state);
    return true;
  } finally {
    const mine = unlessFailing(() => inspectLock(breakPath));
    if (mine?.owner?.token === breaker.token) unlessFailing(() => removeLock(breakPath, mine));
  }
}

function create(path: string, owner: LockOwner, file: string): boolean {
  try {
    return createLock(path, owner);
  } catch (error) {
    throw new FileError(`cannot lock ${file}: ${lockFailure(error as NodeJS.ErrnoException, path)}`);
  }
}

/** Why the lock symlink could not be made, without Node's message (which shows the link's target: the lock owner's details). */
function lockFailure({ code }: NodeJS.ErrnoException, path: string): string {
  const dir = dirname(path);
  const user = process.getuid ? ` (uid ${process.getuid()})` : "";
  if (code === "EACCES" || code === "EPERM")
    return `directory ${dir} is not writable by this user${user}, and the lock and the new version of the file are made there; ask for write access to it, or keep the config in a directory you may write`;
  if (code === "EROFS") return `directory ${dir} is on a read-only file system`;
  return `${code ?? "an error"} creating the lock ${path}`;
}

/** Runs a step on a lock whose failure changes nothing for the caller (a lock already gone, a refresh the next tick retries); `undefined` then. */
function unlessFailing<T>(step: () => T): T | undefined {
  try {
    return step();
  } catch {
    return undefined;
  }
}
