// What can change the outcome of importing a plugin package, in one short string that is cheap to
// compute again: `list` compares it with the one remembered beside the last import's outcome
// (outcomes.ts) for every plugin on every run, so it reads no file, only directory listings and
// file metadata.
import { readdirSync, statSync, type Stats } from "node:fs";
import { childPath } from "./package-root.js";
import { cliManifest, CLI_PACKAGE_DIR } from "../package-dir.js";

/**
 * How many files of its own a package may have for its outcome to be remembered. A plugin package
 * as published holds a few dozen; a linked working copy with more (a whole monorepo linked by
 * mistake) is always `unchecked`, rather than slowing every `list`.
 */
export const MAX_FILES = 2_000;
/** How deep a package's own directories are followed: a symbolic link looping back ends here. */
const MAX_DEPTH = 12;

/**
 * The fingerprint of the package in `dir` (a real path) as the running CLI would import it: the
 * CLI's version, its package.json's identity (a reinstalled CLI is another host) and node's version,
 * then the relative path, size, modification and change times and inode of every file of the
 * package outside `node_modules` and dot-directories (`.git`), and the times of the package's own
 * `node_modules` directory itself (a dependency installed or removed there). An edit, a rebuild, a
 * file added, removed or renamed, a reinstall: each changes it. A dependency upgraded elsewhere
 * (hoisted into the project) does not; `list --check` imports anew.
 *
 * @returns undefined when the package cannot be read, or has more than `MAX_FILES` files.
 */
export function packageFingerprint(dir: string): string | undefined {
  const facts: string[] = [hostFacts()];
  return addDirectory(dir, "", facts, 0) ? hash(facts.join("\n")) : undefined;
}

let host: string | undefined;

/** The running CLI and node, once per process. */
function hostFacts(): string {
  host ??= `${cliManifest().version} ${statFacts(statSync(childPath(CLI_PACKAGE_DIR, "package.json")))} ${process.version}`;
  return host;
}

function statFacts(stats: Stats): string {
  return `${stats.size} ${stats.mtimeMs} ${stats.ctimeMs} ${stats.ino}`;
}

/** Adds the facts of `dir`'s files (sorted by name) to `facts`; false when it cannot be read or holds too many. */
function addDirectory(dir: string, relative: string, facts: string[], depth: number): boolean {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return false;
  }
  for (const entry of names) {
    const path = childPath(dir, entry);
    const name = `${relative}${entry}`;
    // Every entry is stat'ed, links followed as an import follows them: listing types would save nothing.
    const stats = statSync(path, { throwIfNoEntry: false });
    if (!stats) facts.push(`${name} dangling`);
    else if (!stats.isDirectory()) facts.push(`${name} ${statFacts(stats)}`);
    else if (entry === "node_modules") facts.push(`${name}/ ${stats.mtimeMs} ${stats.ctimeMs} ${stats.ino}`);
    else if (!entry.startsWith(".") && (depth >= MAX_DEPTH || !addDirectory(path, `${name}/`, facts, depth + 1))) return false;
    if (facts.length > MAX_FILES) return false;
  }
  return true;
}

/** A 53-bit hash (cyrb53) of `text`, as hex: no crypto module on `list`'s path. */
function hash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16);
}
