// integrity.json in the user plugin directory: what `plugins install` and `plugins update` put
// there, package by package, so that a later import can tell whether the files are still those.
// Read on the path of every run of an installed plugin: plain JSON, no crypto here.
import { renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { textOrUndefined } from "./quiet-fs.js";

/** The file's name in the user plugin directory. */
export const INTEGRITY_FILE = "integrity.json";

/** What was installed at one place of the user directory's node_modules (`node_modules/a/node_modules/b`). */
export interface InstalledPackage {
  name: string;
  version: string;
  /** The tarball's integrity from package-lock.json (`sha512-…`), when npm recorded one. */
  integrity?: string;
  /** `packageFingerprint(dir, FINGERPRINT_HOST)` of its files as recorded: equal means nothing to hash. */
  fingerprint: string;
  /** Every file of the package (outside its own node_modules and dot-directories): relative path (`/`) → SHA-256, hex. */
  files: Record<string, string>;
}

/** The whole file: each plugin's closure (its own place first), and each place's package. */
export interface IntegrityRecord {
  /** Plugin package name → the places (relative to the user directory) of it and of every package its imports resolve to there. */
  plugins: Record<string, string[]>;
  packages: Record<string, InstalledPackage>;
}

/**
 * The host text given to `packageFingerprint` for integrity.json: a constant, so that a new version
 * of the CLI does not make every package look changed (outcomes.ts uses the CLI's own facts instead).
 */
export const FINGERPRINT_HOST = "integrity.json";

/** The record in `userDir`, or an empty one when the file is missing or unreadable (an install by an older version). */
export function readIntegrity(userDir: string): IntegrityRecord {
  try {
    const json = JSON.parse(textOrUndefined(join(userDir, INTEGRITY_FILE)) ?? "{}") as Partial<IntegrityRecord>;
    return { plugins: json.plugins ?? {}, packages: json.packages ?? {} };
  } catch {
    return { plugins: {}, packages: {} };
  }
}

/** Writes the record whole (a temporary file renamed over it: a reader never sees half of it). */
export function writeIntegrity(userDir: string, record: IntegrityRecord): void {
  const sorted = (object: Record<string, unknown>) => Object.fromEntries(Object.entries(object).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const path = join(userDir, INTEGRITY_FILE);
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify({ plugins: sorted(record.plugins), packages: sorted(record.packages) }, null, 2)}\n`);
  renameSync(temp, path);
}
