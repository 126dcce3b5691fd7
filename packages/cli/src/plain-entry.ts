// The plain entry as bin/integrations starts it when no start-up snapshot fits: scripts/build-bundles.mjs
// bundles this file alone into dist/bundle/plain.cjs, and turns bin.js and each of its chunks into a
// CommonJS twin (`chunk-….cjs`) that this loader compiles with a V8 code cache: Node 20 caches no
// compiled code of its own, and compiling the bundle is most of a plain run's own time. The ES module
// files stay the entry of `node <bin>` and of a stale snapshot.
//
// A chunk's cache is V8's data for that file (its functions compiled by the run that wrote it), in
// dist/code-cache/ or, where the package cannot be written, the user's cache. Its name holds the
// chunk file's size, modification and change times and inode, and node's version: an edited, rebuilt
// or reinstalled chunk, or another node, finds no cache and writes its own (V8 checks only the
// source's length, and refuses data made by another V8 or with other flags).
// INTEGRATIONS_NO_CODE_CACHE=1 turns the cache off: nothing read, nothing written.
import { mkdirSync, readFileSync, readdirSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Script } from "node:vm";
import { userCacheDir } from "./runtime/user-cache.js";

// The real path, as Node gives a main module's __dirname and an ES module's import.meta.url: through
// a package manager's symbolic link (pnpm's global store), the package's dependencies are found
// beside its real directory only.
const BUNDLE = dirname(realpathSync(process.argv[1]!));
const nativeRequire = createRequire(join(BUNDLE, "plain.cjs"));

interface Chunk {
  exports: unknown;
}
const chunks = new Map<string, Chunk>();
/** Chunks whose cache to write at exit, with the number of runs that will then have written it. */
const unsaved: { name: string; key: string; script: Script; saves: number }[] = [];
/**
 * How many runs write a chunk's cache: V8's data holds the functions compiled so far, those read from
 * the cache included, so each of the first runs adds what its command compiled (a chunk shared by
 * `--help` and an add gets both); after that, a run only reads it (writing is the costly part).
 */
const SAVES = 3;
/** Set and not empty, as the launcher tests INTEGRATIONS_NO_SNAPSHOT. */
const CACHE_OFF = Boolean(process.env.INTEGRATIONS_NO_CODE_CACHE);

/** The cache directories, in the order they are read: the package's own, then the user's. */
function cacheDirs(): string[] {
  const dirs = [join(BUNDLE, "..", "code-cache")];
  const cache = userCacheDir();
  try {
    if (cache !== undefined) dirs.push(join(cache, "code-cache", realpathSync(join(BUNDLE, "..", ".."))));
  } catch {
    // No package path: the package's own directory only.
  }
  return dirs;
}
/** Where chunk caches are read and written: every run with the cache on reads one, so found at once. */
const DIRS = CACHE_OFF ? [] : cacheDirs();

function readCache(name: string, key: string): Buffer | undefined {
  for (const dir of DIRS) {
    try {
      return readFileSync(join(dir, `${name}.${key}`));
    } catch {
      // Not there: the next place, or none.
    }
  }
  return undefined;
}

/**
 * Writes each unsaved chunk's cache where it can (replacing that chunk's older caches): one byte, the
 * number of runs that wrote it, then V8's data. A failure only costs speed.
 */
function saveCaches(): void {
  for (const { name, key, script, saves } of unsaved) {
    for (const dir of DIRS) {
      try {
        const data = Buffer.concat([Buffer.of(saves), script.createCachedData()]);
        mkdirSync(dir, { recursive: true });
        for (const old of readdirSync(dir)) if (old.startsWith(`${name}.`) && !old.endsWith(".tmp")) rmSync(join(dir, old), { force: true });
        const temp = join(dir, `${name}.${key}.${process.pid}.tmp`);
        writeFileSync(temp, data);
        renameSync(temp, join(dir, `${name}.${key}`)); // whole, for a run reading it at the same moment
        break;
      } catch {
        // Read-only or missing: the next place.
      }
    }
  }
}

/** The exports of chunk `name` (a file of dist/bundle/), compiled and run on first use. */
function load(name: string): unknown {
  const known = chunks.get(name);
  if (known) return known.exports;
  const file = join(BUNDLE, name);
  const source = readFileSync(file, "utf8");
  // npm gives every installed file its tarball's modification time (1985): the inode and its change time tell a reinstall.
  const { size, mtimeMs, ctimeMs, ino } = statSync(file);
  const key = `${size}-${Math.trunc(mtimeMs)}-${Math.trunc(ctimeMs)}-${ino}-${process.version}-${process.arch}.cache`;
  const saved = CACHE_OFF ? undefined : readCache(name, key);
  const cachedData = saved?.subarray(1);
  const script = new Script(`(function (exports, require, module, __filename, __dirname, __integrationsChunk, __integrationsImport) {${source}\n})`, {
    filename: file,
    cachedData,
  });
  const saves = saved === undefined || script.cachedDataRejected ? 0 : saved[0]!;
  if (!CACHE_OFF && saves < SAVES) {
    if (unsaved.length === 0) process.once("exit", saveCaches);
    unsaved.push({ name, key, script, saves: saves + 1 });
  }
  const chunk: Chunk = { exports: {} };
  chunks.set(name, chunk);
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run.call(chunk.exports, chunk.exports, requireFrom, chunk, file, BUNDLE, importChunk, importModule);
  return chunk.exports;
}

/** `require` inside a chunk: a sibling chunk (`./chunk-….cjs`) from here, anything else from Node. */
function requireFrom(specifier: string): unknown {
  return specifier.startsWith("./") ? load(specifier.slice(2)) : nativeRequire(specifier);
}

/** A chunk's `import("./….cjs")` of a lazily loaded sibling. */
function importChunk(specifier: string): Promise<unknown> {
  return Promise.resolve().then(() => load(specifier.slice(2)));
}

/**
 * A chunk's `import()` of anything else (a plugin, a JavaScript config): Node 20 gives code compiled
 * with a code cache no dynamic-import callback, so this file, compiled by Node, imports for it.
 */
function importModule(specifier: string): Promise<unknown> {
  return import(specifier);
}

load("bin.cjs");
