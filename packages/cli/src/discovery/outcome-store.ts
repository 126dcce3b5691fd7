// The remembered outcomes' file in the user cache, shared by every run of the CLI, many at once.
// A write must never lose another run's rows, or a stale row could come back: so each version is a
// new file, `<n>.json`, published with link(2), which fails when `<n>.json` exists. A run that read
// version n publishes n+1 only if nobody else did, else it reads again and merges again. Versions
// below the newest are removed by the run that published it. Nobody waits on a lock, and a run
// killed midway leaves at most a temp file. Everything here is best effort: an unreadable or
// unwritable cache only means nothing is remembered.
import { linkSync, mkdirSync, readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { userCacheDir } from "../runtime/user-cache.js";

/** The outcome of the last import of one plugin (a package's directory and one of its integrations). */
export interface OutcomeRow {
  /** `packageFingerprint` of the package just before that import. */
  fingerprint: string;
  ok: boolean;
  /** Why the import failed (`ok: false`). */
  cause?: string;
  /** When the import ended, in ms since the epoch: of two outcomes of the same files, the later wins. */
  at: number;
}

/** The rows by `outcomeKey`. */
export type OutcomeRows = Record<string, OutcomeRow>;

const VERSION = /^(\d+)\.json$/;
const TEMP_PREFIX = "tmp-";
/** How long a temp file may stay before a publishing run takes it for a killed run's and removes it, in ms. */
const TEMP_STALE_MS = 60_000;
/** Publishing attempts before giving up: every attempt that loses, loses to a run that published. */
const ATTEMPTS = 64;

/** The directory holding the versions, or undefined without a user cache. */
export function outcomeDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const cache = userCacheDir(env);
  return cache === undefined ? undefined : join(cache, "plugin-outcomes");
}

/** The newest version's rows (none when there is no readable version). */
export function readOutcomes(dir: string | undefined = outcomeDir()): OutcomeRows {
  return dir === undefined ? {} : newest(dir).rows;
}

/**
 * Publishes `change(rows of the newest version)` as the next version, unless `change` returns
 * undefined (nothing to write). `change` may run several times, on newer rows each time; it must not
 * change its argument. Never throws.
 */
export function updateOutcomes(change: (rows: OutcomeRows) => OutcomeRows | undefined, dir: string | undefined = outcomeDir()): void {
  if (dir === undefined) return;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const { version, rows } = newest(dir);
      const next = change(rows);
      if (next === undefined) return;
      if (publish(dir, version + 1, next) && newestVersion(dir) === version + 1) {
        removeOlder(dir, version + 1);
        return;
      }
      // Another run published first, or published n+2 on an older version after this one's n+1
      // (whose number had been freed meanwhile): merge again onto the newest.
    }
  } catch {
    // An unwritable cache: nothing is remembered.
  }
}

/** Writes `rows` as version `version`; false when that version exists already. */
function publish(dir: string, version: number, rows: OutcomeRows): boolean {
  const temp = join(dir, `${TEMP_PREFIX}${process.pid}-${Math.random().toString(16).slice(2)}`);
  writeFileSync(temp, JSON.stringify({ rows }), { flag: "wx", mode: 0o600 });
  try {
    linkSync(temp, join(dir, `${version}.json`));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  } finally {
    unlinkSync(temp);
  }
}

/** The newest version and its rows; a version removed while being read is looked for again. */
function newest(dir: string): { version: number; rows: OutcomeRows } {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const version = newestVersion(dir);
    if (version < 0) return { version, rows: {} };
    try {
      return { version, rows: parseRows(readFileSync(join(dir, `${version}.json`), "utf8")) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") return { version, rows: {} };
    }
  }
  return { version: newestVersion(dir), rows: {} };
}

/** The highest version number in `dir`, -1 when there is none. */
function newestVersion(dir: string): number {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return -1;
  }
  let max = -1;
  for (const name of names) {
    const match = VERSION.exec(name);
    if (match) max = Math.max(max, Number(match[1]));
  }
  return max;
}

/** The rows of a version's text; none when it is not what this module writes. Rows are checked where they are used. */
function parseRows(text: string): OutcomeRows {
  const rows = (JSON.parse(text) as { rows?: unknown } | null)?.rows;
  return rows && typeof rows === "object" && !Array.isArray(rows) ? (rows as OutcomeRows) : {};
}

/** Removes the versions below `version` and temp files a killed run left. */
function removeOlder(dir: string, version: number): void {
  for (const name of readdirSync(dir)) {
    const match = VERSION.exec(name);
    const path = join(dir, name);
    try {
      if (match ? Number(match[1]) < version : name.startsWith(TEMP_PREFIX) && Date.now() - statSync(path).mtimeMs > TEMP_STALE_MS) unlinkSync(path);
    } catch {
      // Removed by another run meanwhile.
    }
  }
}
