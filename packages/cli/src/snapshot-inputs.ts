// Whether the start-up snapshot still matches the files it was built from. scripts/build-snapshot.mjs
// lists them in dist/snapshot/inputs.json (every file esbuild bundled, plus the package.json files the
// warm-up read); the snapshot's entry reads that list while the snapshot is built, and checks it at
// the start of every run, before any other code of the snapshot runs.
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { CLI_PACKAGE_DIR } from "./package-dir.js";

/** What the snapshot was built from: `builtAt` (ms since the epoch by the file system's clock, taken before bundling) and the files' absolute paths. */
export interface SnapshotInputs {
  builtAt: number;
  files: string[];
}

/**
 * dist/snapshot/inputs.json, as scripts/build-snapshot.mjs wrote it. Read while the snapshot is
 * built, never at run time.
 *
 * @throws the read or parse error (the build script then reports that no snapshot was made).
 */
export function readSnapshotInputs(): SnapshotInputs {
  return JSON.parse(readFileSync(join(CLI_PACKAGE_DIR, "dist", "snapshot", "inputs.json"), "utf8")) as SnapshotInputs;
}

/**
 * The first input file changed since the build (modified at or after `builtAt`: a rebuild of dist, an
 * edit of a built-in plugin, a reinstalled dependency), or gone; undefined when none is. One `stat`
 * per file, synchronously: about 190 files, about a millisecond.
 */
export function changedInput({ builtAt, files }: SnapshotInputs): string | undefined {
  for (const file of files) {
    const stats = statSync(file, { throwIfNoEntry: false });
    if (stats === undefined || stats.mtimeMs >= builtAt) return file;
  }
  return undefined;
}

let fromSnapshot = false;

/** Records that this run started from the start-up snapshot (its entry calls this once the inputs are checked). */
export function markStartedFromSnapshot(): void {
  fromSnapshot = true;
}

/** How this process started, for `doctor`: `snapshot`, or `esm` (dist/bin.js, also when the snapshot was found stale). */
export function startup(): "snapshot" | "esm" {
  return fromSnapshot ? "snapshot" : "esm";
}
