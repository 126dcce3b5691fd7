import { randomBytes } from "node:crypto";
import { closeSync, fchmodSync, fchownSync, fstatSync, fsyncSync, openSync, readdirSync, renameSync, statSync, unlinkSync, writeFileSync, type Stats } from "node:fs";
import { basename, dirname, join } from "node:path";

// Own code rather than write-file-atomic: its temp files (`config.yaml.<number>`) cannot be told
// apart from a user's own files, so those a killed writer leaves could never be cleared safely, and
// it replaces a dangling symlink with a plain file instead of writing through it. Synchronous calls,
// as the whole file layer (see lock-state.ts).

/** What marks a temp file as this module's: `<name>.integrations-tmp-<16 hex digits>`. */
const TEMP_MARK = ".integrations-tmp-";
const TEMP_TAIL = /^[0-9a-f]{16}$/;

/**
 * Replaces `target` (an absolute path, symlinks already resolved) with `bytes` atomically: they are
 * written to a temp file beside it, flushed to disk, given the old file's mode, group and (as root)
 * owner, and renamed over it; then the directory is flushed. A reader sees the old bytes or the new,
 * never a mix; a crash leaves at most a temp file, which `removeStrayTemps` recognises. Only root may
 * give a file to another user: otherwise the new file belongs to this user (docs/security.md).
 *
 * @param mode permission bits for a new file (an existing file keeps its own); the umask applies.
 * @throws the file system's error, or an Error when the old file's group cannot be kept and grants
 *   access others lack (the temp file is removed first; `target` is untouched).
 */
export function writeAtomic(target: string, bytes: Uint8Array, mode = 0o666): void {
  const existing = statSync(target, { throwIfNoEntry: false });
  const temp = `${target}${TEMP_MARK}${randomBytes(8).toString("hex")}`;
  try {
    const fd = openSync(temp, "wx", existing ? existing.mode & 0o7777 : mode);
    try {
      if (existing) {
        fchmodSync(fd, existing.mode & 0o7777); // exactly, whatever the umask
        keepOwnership(fd, existing);
      }
      writeFileSync(fd, bytes);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, target);
  } catch (error) {
    ignoreErrors(() => unlinkSync(temp));
    throw error;
  }
  syncDirectory(dirname(target));
}

/**
 * Gives the temp file `existing`'s owner and group as root; otherwise its group, which a member of it
 * may set. A group this user is not in cannot be kept: refused when the group's permission bits
 * differ from others' (a proxy reading the file through its group would lose it), else the new file
 * keeps this user's group, which changes no one's access.
 */
function keepOwnership(fd: number, existing: Stats): void {
  if (process.getuid?.() === 0) return fchownSync(fd, existing.uid, existing.gid);
  if (fstatSync(fd).gid === existing.gid) return;
  try {
    fchownSync(fd, -1, existing.gid);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EPERM") throw error;
    if (((existing.mode >> 3) & 7) === (existing.mode & 7)) return;
    throw new Error(
      `its group (gid ${existing.gid}) grants access that others lack, and this user (uid ${process.getuid?.()}) is not in it, so the edited file could not keep it; run as a member of gid ${existing.gid} (sg, newgrp) or as root`,
    );
  }
}

/**
 * Removes the temp files a writer killed mid-write left beside `target` (only names of the form
 * `writeAtomic` makes for this very file). Call it only while holding the file's lock: every write
 * happens under the lock, so no temp file found then can belong to a live write.
 *
 * @returns the names removed.
 */
export function removeStrayTemps(target: string): string[] {
  const prefix = `${basename(target)}${TEMP_MARK}`;
  let entries: string[] = [];
  ignoreErrors(() => (entries = readdirSync(dirname(target))));
  const strays = entries.filter((entry) => entry.startsWith(prefix) && TEMP_TAIL.test(entry.slice(prefix.length)));
  for (const entry of strays) ignoreErrors(() => unlinkSync(join(dirname(target), entry)));
  return strays;
}

/** Flushes a directory entry change (the rename) to disk, where the platform allows it. */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  ignoreErrors(() => (fd = openSync(dir, "r")));
  if (fd === undefined) return;
  ignoreErrors(() => fsyncSync(fd!));
  closeSync(fd);
}

/** Runs a clean-up step whose failure changes nothing (a temp file already gone, a directory that cannot be flushed). */
function ignoreErrors(step: () => unknown): void {
  try {
    step();
  } catch {
    // nothing to do
  }
}
