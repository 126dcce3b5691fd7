import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ORIGINS_FILE } from "./origins.js";
import { TRUST_FILE } from "../../discovery/user-dir.js";
import { INTEGRITY_FILE } from "../../discovery/integrity-file.js";

/** The files of the user plugin directory that an install or update rewrites, put back byte for byte on a rollback. */
const FILES = ["package.json", "package-lock.json", ".npmrc", ORIGINS_FILE, TRUST_FILE, INTEGRITY_FILE, join("node_modules", ".package-lock.json")] as const;

/** The user plugin directory as it was before an install or update: enough to put it back exactly. */
export interface Snapshot {
  dir: string;
  /** Whether the directory existed; when it did not, a rollback removes it and any parent made for it. */
  existed: boolean;
  /** The first directory `prepare` created (the plugin directory or a parent of it). */
  created?: string;
  /** The content of each of `FILES`; undefined when it did not exist. */
  files: Record<string, string | undefined>;
  /** The entries of the directory, of its node_modules and of each scope folder there (`node_modules/@acme/x`). */
  entries: Set<string>;
}

/** Records the user plugin directory's state (`existed`, its files and entries), before anything is created in it. */
export async function snapshot(dir: string): Promise<Snapshot> {
  const existed = (await readdir(dir).catch(() => undefined)) !== undefined;
  const files: Record<string, string | undefined> = {};
  for (const file of FILES) files[file] = await readFile(join(dir, file), "utf8").catch(() => undefined);
  return { dir, existed, files, entries: existed ? await entriesOf(dir) : new Set() };
}

/** Creates the directory (and its parents) for `saved`, remembering the first one made so that a rollback removes it. */
export async function prepare(saved: Snapshot): Promise<void> {
  const created = await mkdir(saved.dir, { recursive: true });
  if (created !== undefined && saved.created === undefined) saved.created = created;
}

/**
 * Puts the files of `saved` back (npm's hidden lockfile goes: npm would otherwise trust it and keep
 * what the failed install added). Call `finishRollback` once npm has made node_modules match them.
 */
export async function restoreFiles(saved: Snapshot): Promise<void> {
  if (!saved.existed) return;
  for (const file of FILES) {
    const text = file.endsWith(".package-lock.json") ? undefined : saved.files[file];
    if (text === undefined) await rm(join(saved.dir, file), { force: true });
    else await writeFile(join(saved.dir, file), text);
  }
}

/**
 * Leaves the user plugin directory exactly as `saved` found it: removed when it did not exist
 * (with the parents made for it); else its files rewritten as they were (npm's hidden lockfile too)
 * and whatever appeared beside them removed, such as a scope folder that npm emptied but kept
 * (`node_modules/@acme`).
 */
export async function finishRollback(saved: Snapshot): Promise<void> {
  if (!saved.existed) {
    await rm(saved.created ?? saved.dir, { recursive: true, force: true });
    return;
  }
  for (const file of FILES) {
    const text = saved.files[file];
    if (text === undefined) await rm(join(saved.dir, file), { force: true });
    else await writeFile(join(saved.dir, file), text);
  }
  // Deepest first, so that a new scope folder goes after the packages in it.
  const added = [...(await entriesOf(saved.dir))]
    .filter((entry) => !saved.entries.has(entry))
    .sort()
    .reverse();
  for (const entry of added) await rm(join(saved.dir, entry), { recursive: true, force: true });
}

/** `name`, `node_modules/name` and `node_modules/@scope/name` entries of `dir` (relative paths). */
async function entriesOf(dir: string): Promise<Set<string>> {
  const list = async (path: string) =>
    (await readdir(join(dir, path), { withFileTypes: true }).catch(() => [])).map((entry) => ({ path: join(path, entry.name), scope: entry.name.startsWith("@") && entry.isDirectory() }));
  const found = new Set<string>();
  for (const top of await list("")) found.add(top.path);
  for (const entry of await list("node_modules")) {
    found.add(entry.path);
    if (entry.scope) for (const inner of await list(entry.path)) found.add(inner.path);
  }
  return found;
}
