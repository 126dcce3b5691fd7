// What can change the outcome of importing a plugin package, in one short string that is cheap to
// compute again: `list` compares it with the one remembered beside the last import's outcome
// (outcomes.ts) for every plugin on every run, so it reads no file, only directory listings and
// file metadata.
import { readdirSync, statSync, type Stats } from "node:fs";
import { childPath } from "./package-root.js";
import { cliManifest, CLI_PACKAGE_DIR } from "../runtime/package-dir.js";

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
 * @param host `hostFacts()`, when the caller has it already.
 * @returns undefined when the package cannot be read, or has more than `MAX_FILES` files.
 */
export function packageFingerprint(dir: string, host: string = hostFacts()): string | undefined {
  if (host !== hashedHost.text) {
    const hash = new Hash();
    hash.text(host);
    Object.assign(hashedHost, { text: host, words: hash.state() });
  }
  const hash = new Hash(hashedHost.words);
  return addDirectory(dir, hash, { files: 0 }, 0) ? hash.hex() : undefined;
}

/** The hash state after the host's facts, for the next package of the same host (kept by its text, so never stale). */
const hashedHost = { text: "", words: [0, 0] as [number, number] };

/**
 * The running CLI and node: a caller fingerprinting many packages reads it once and passes it on.
 * Not kept between calls: the start-up snapshot's warm-up runs this module.
 */
export function hostFacts(): string {
  const cli = statSync(childPath(CLI_PACKAGE_DIR, "package.json"));
  return `${cliManifest().version} ${cli.size} ${cli.mtimeMs} ${cli.ctimeMs} ${cli.ino} ${process.version}`;
}

/** Adds the facts of `dir`'s entries (sorted by name) to `hash`; false when it cannot be read or holds too many files. */
function addDirectory(dir: string, hash: Hash, seen: { files: number }, depth: number): boolean {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return false;
  }
  hash.number(names.length);
  for (const entry of names) {
    const path = childPath(dir, entry);
    hash.text(entry);
    // Every entry is stat'ed, links followed as an import follows them: listing types would save nothing.
    const stats = statSync(path, { throwIfNoEntry: false });
    if (!stats) {
      hash.number(-1); // a dangling link
    } else if (!stats.isDirectory()) {
      hash.stats(stats);
      if (++seen.files > MAX_FILES) return false;
    } else if (entry === "node_modules") {
      hash.stats(stats);
    } else if (entry.startsWith(".")) {
      hash.number(-2);
    } else if (depth >= MAX_DEPTH || !addDirectory(path, hash, seen, depth + 1)) {
      return false;
    }
  }
  return true;
}

/** A 53-bit hash (cyrb53's mixing) fed with strings and numbers, without building one long text: no crypto module on `list`'s path. */
class Hash {
  private h1: number;
  private h2: number;

  constructor([h1, h2]: readonly [number, number] = [0xdeadbeef, 0x41c6ce57]) {
    this.h1 = h1;
    this.h2 = h2;
  }

  state(): [number, number] {
    return [this.h1, this.h2];
  }

  private word(value: number): void {
    this.h1 = Math.imul(this.h1 ^ value, 2654435761);
    this.h2 = Math.imul(this.h2 ^ value, 1597334677);
  }

  text(value: string): void {
    for (let i = 0; i < value.length; i++) this.word(value.charCodeAt(i));
    this.word(0x10ffff + 1); // ends the string: "ab","c" is not "a","bc"
  }

  /** A finite number: its integer part in two 32-bit words, its fraction to the nanosecond of a millisecond time. */
  number(value: number): void {
    const whole = Math.floor(value);
    this.word(whole >>> 0);
    this.word(Math.floor(whole / 4294967296) >>> 0);
    this.word(Math.round((value - whole) * 1e6));
  }

  stats(stats: Stats): void {
    this.number(stats.size);
    this.number(stats.mtimeMs);
    this.number(stats.ctimeMs);
    this.number(stats.ino);
  }

  hex(): string {
    let [h1, h2] = [this.h1, this.h2];
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16);
  }
}
