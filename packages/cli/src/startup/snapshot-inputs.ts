// Whether the start-up snapshot still matches the files it was made from. snapshot-build.ts lists
// them in the snapshot's inputs.json; the snapshot's entry reads that list while the snapshot is built
// and checks it at the start of every run, before any other code of the snapshot runs.
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";

/**
 * What a snapshot was made from: `builtAt` (ms since the epoch by the file system's clock, taken
 * before anything was read), `files` (a checkout's sources of the bundle) and `installedFiles` (the
 * bundle and the package.json files the warm-up read), as absolute paths.
 */
/** The empty file beside a snapshot that carries its node binary's modification time (snapshot-build.ts, bin/integrations). */
export const NODE_TIME_MARKER = "node.mtime";

export interface SnapshotInputs {
  builtAt: number;
  files: string[];
  installedFiles: string[];
}

/**
 * The inputs.json in `dir`, as snapshot-build.ts wrote it. Read while the snapshot is built, never at
 * run time.
 *
 * @throws the read or parse error (the build then fails, and says so).
 */
export function readSnapshotInputs(dir: string): SnapshotInputs {
  return JSON.parse(readFileSync(join(dir, "inputs.json"), "utf8")) as SnapshotInputs;
}

/**
 * The first input file changed since the build, or gone; undefined when none is. One `stat` per file,
 * synchronously: about 190 files in a checkout, 24 once installed, well under a millisecond.
 *
 * A file of `files` has changed when it was modified at or after `builtAt` (a rebuild of dist, an
 * edit). Installed files are also changed when their inode changed then (ctime): npm writes a
 * package's files with the time recorded in its tarball (1985), so a reinstall of another version
 * leaves old modification times, but never an old ctime.
 */
export function changedInput({ builtAt, files, installedFiles }: SnapshotInputs): string | undefined {
  for (const file of files) {
    const stats = statSync(file, { throwIfNoEntry: false });
    if (stats === undefined || stats.mtimeMs >= builtAt) return file;
  }
  for (const file of installedFiles) {
    const stats = statSync(file, { throwIfNoEntry: false });
    if (stats === undefined || stats.mtimeMs >= builtAt || stats.ctimeMs >= builtAt) return file;
  }
  return undefined;
}
