import { accessSync, closeSync, constants, fstatSync, openSync, readFileSync, statSync } from "node:fs";
import { FileError } from "../errors.js";
import { removeStrayTemps, writeAtomic } from "./atomic-write.js";
import { ioProblem, modeText } from "./io-problem.js";
import { noteWritten } from "./in-flight.js";
import type { ConfigTarget } from "./target.js";

/**
 * The largest config file read, in bytes (16 MiB). A config of 10,000 integrations is about 4.4 MB,
 * so no real file comes near it; a larger file is refused before a byte of it is read, because
 * parsing YAML costs many times the file's size in memory (docs/performance.md) and a huge file
 * (a log or a dump passed by mistake) would otherwise exhaust it.
 */
export const MAX_CONFIG_BYTES = 16 * 1024 * 1024;

/**
 * Reads a config file's bytes; `undefined` when it does not exist (an add then creates it).
 *
 * @throws FileError when the path is a directory or not a regular file, it is larger than
 *   `MAX_CONFIG_BYTES` (checked with `stat` before reading), or it cannot be read.
 */
export function readConfigBytes(file: string): Buffer | undefined {
  try {
    // Synchronous calls, as the whole file layer (see lock-state.ts).
    const info = statSync(file);
    if (info.isDirectory()) throw new FileError(`${file} is a directory, not a config file; pass the file with -file <dir>/config.yaml`);
    if (!info.isFile()) throw new FileError(`${file} is not a regular file; pass a config file with -file`);
    const fd = openSync(file, "r");
    try {
      requireSize(fstatSync(fd).size, file);
      const bytes = readFileSync(fd);
      requireSize(bytes.length, file); // it grew after the check
      return bytes;
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    if (error instanceof FileError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return undefined; // an edit checks the directory itself (editConfig)
    if (code === "EISDIR") throw new FileError(`${file} is a directory, not a config file; pass the file with -file <dir>/config.yaml`);
    throw new FileError(ioProblem(error, "read", file));
  }
}

function requireSize(size: number, file: string): void {
  if (size <= MAX_CONFIG_BYTES) return;
  const mb = (bytes: number, digits: number) => (bytes / (1024 * 1024)).toFixed(digits);
  throw new FileError(
    `${file} is ${mb(size, 1)} MB (${size} bytes), over the ${mb(MAX_CONFIG_BYTES, 0)} MB limit for a config file; check that -file names the right file (10,000 integrations take about 4.4 MB)`,
  );
}

/**
 * Replaces a config file atomically (see `writeAtomic`): a symlink is written through (its target,
 * even a missing one, is replaced or created and the link kept) and an existing file's mode is kept.
 * Call it only while holding the file's lock (`withFileLock`): it first clears the temp files that
 * writers killed mid-write left beside the file.
 *
 * @throws FileError when the existing file has no write permission bit (checked explicitly, since
 *   root ignores permission bits), this user may not write it (the directory's write permission
 *   would let the rename replace it all the same), or the write fails.
 */
export function writeConfigBytes({ file, realPath: target }: ConfigTarget, bytes: Buffer): void {
  const info = statSync(target, { throwIfNoEntry: false });
  if (info && (info.mode & 0o222) === 0) {
    throw new FileError(`${file} is read-only (mode ${modeText(info.mode)}); make it writable (chmod u+w ${file}) and run again`);
  }
  const uid = process.getuid?.();
  if (info && uid !== undefined && uid !== 0 && !mayWrite(target)) {
    throw new FileError(
      `${file} is not writable by this user (uid ${uid}): it belongs to uid ${info.uid}, group ${info.gid}, mode ${modeText(info.mode)}; ask its owner for write access (a group you share, chmod g+w ${file}) and run again`,
    );
  }
  try {
    removeStrayTemps(target);
    writeAtomic(target, bytes);
    noteWritten(file);
  } catch (error) {
    throw new FileError(ioProblem(error, "write", file));
  }
}

/** Whether this user may write `path` itself (`access(2)`, which also knows ACLs and read-only mounts). */
function mayWrite(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
