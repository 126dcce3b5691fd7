// The SHA-256 of every file of an installed package, and what differs between two such lists. Only
// imported when a package's fingerprint changed (or at install): the crypto module stays off the
// path of an unchanged plugin.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

/** How deep a package's directories are followed (as fingerprint.ts): a symbolic link looping back ends here. */
const MAX_DEPTH = 12;

/**
 * Relative path (`/`-separated) → SHA-256 (hex) of every file of the package in `dir`, links
 * followed as an import follows them. Left out, as `packageFingerprint` leaves them out: the
 * package's own `node_modules` (its packages are recorded as packages of their own) and the content
 * of dot-directories (`.git`). A dangling link is recorded as `"dangling"`.
 */
export function hashPackageFiles(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (path: string, prefix: string, depth: number) => {
    for (const entry of readdirSync(path).sort()) {
      const full = join(path, entry);
      const relative = prefix + entry;
      const stats = statSync(full, { throwIfNoEntry: false });
      if (!stats) files[relative] = "dangling";
      else if (!stats.isDirectory()) files[relative] = createHash("sha256").update(readFileSync(full)).digest("hex");
      else if (entry !== "node_modules" && !entry.startsWith(".") && depth < MAX_DEPTH) walk(full, `${relative}/`, depth + 1);
    }
  };
  walk(dir, "", 0);
  return files;
}

/** What changed from `recorded` to `actual` (both from `hashPackageFiles`), each list sorted. */
export interface FileChanges {
  modified: string[];
  added: string[];
  removed: string[];
}

/** The files modified, added and removed between two lists; all empty when they are the same. */
export function diffFiles(recorded: Readonly<Record<string, string>>, actual: Readonly<Record<string, string>>): FileChanges {
  const changes: FileChanges = { modified: [], added: [], removed: [] };
  for (const [path, hash] of Object.entries(actual)) {
    if (!(path in recorded)) changes.added.push(path);
    else if (recorded[path] !== hash) changes.modified.push(path);
  }
  for (const path of Object.keys(recorded)) if (!(path in actual)) changes.removed.push(path);
  for (const list of Object.values(changes) as string[][]) list.sort();
  return changes;
}

/** Whether nothing changed. */
export function unchanged(changes: FileChanges): boolean {
  return changes.modified.length + changes.added.length + changes.removed.length === 0;
}

/** `dist/index.js modified, evil.js added` — the first `limit` changes, then `and N more`. */
export function describeChanges(changes: FileChanges, limit = 3): string {
  const all = [...changes.modified.map((p) => `${p} modified`), ...changes.added.map((p) => `${p} added`), ...changes.removed.map((p) => `${p} removed`)];
  const shown = all.slice(0, limit).join(", ");
  return all.length > limit ? `${shown} and ${all.length - limit} more` : shown;
}
