import { realpath } from "node:fs/promises";
import { resolve } from "node:path";
import lockfile from "proper-lockfile";
import { FileError } from "../errors.js";

/**
 * Runs `work` while holding an exclusive lock on a config file, so concurrent runs of the CLI never
 * lose each other's changes. The lock is a `<file>.lock` directory beside the real file (symlinks
 * followed); its holder refreshes it every 2 s while working, and a lock not refreshed for 10 s is
 * treated as left by a dead process and cleared. Waits up to ~10 s for another holder.
 *
 * @throws FileError when the lock cannot be had in time.
 */
export async function withFileLock<T>(file: string, work: () => Promise<T>): Promise<T> {
  const target = await realpath(file).catch(() => resolve(file));
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(target, {
      realpath: false,
      stale: 10_000,
      update: 2_000,
      retries: { retries: 100, factor: 1.2, minTimeout: 10, maxTimeout: 200, randomize: true },
    });
  } catch (error) {
    throw new FileError(`${file} is locked by another integrations run (${(error as Error).message}); wait for it and run again`);
  }
  try {
    return await work();
  } finally {
    await release().catch(() => undefined);
  }
}
