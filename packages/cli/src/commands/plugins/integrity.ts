// Writing integrity.json (discovery/integrity-file.ts) after npm changed the user plugin directory,
// and making `plugins install <name>` of a plugin already there put fresh files in place of changed ones.
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { packageFingerprint } from "../../discovery/fingerprint.js";
import { diffFiles, hashPackageFiles, unchanged } from "../../discovery/file-hashes.js";
import { FINGERPRINT_HOST, INTEGRITY_FILE, readIntegrity, writeIntegrity, type InstalledPackage, type IntegrityRecord } from "../../discovery/integrity-file.js";
import { packageClosure } from "../../discovery/package-closure.js";
import { installedPlugins } from "../../discovery/user-dir.js";

/** package-lock.json's `packages`: place → version and integrity (none when there is no lockfile). */
function lockedPackages(dir: string): Record<string, { version?: string; integrity?: string }> {
  try {
    return (JSON.parse(readFileSync(join(dir, "package-lock.json"), "utf8")) as { packages?: Record<string, { version?: string; integrity?: string }> }).packages ?? {};
  } catch {
    return {};
  }
}

/** The name and version in the package.json at `dir`. */
function nameAndVersion(dir: string): { name: string; version: string } {
  try {
    const json = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: unknown; version?: unknown };
    return { name: typeof json.name === "string" ? json.name : "?", version: typeof json.version === "string" ? json.version : "?" };
  } catch {
    return { name: "?", version: "?" };
  }
}

/**
 * Rewrites integrity.json in the user plugin directory `dir` after npm changed it: the closure
 * (`packageClosure`) of every plugin in its package.json that was recorded before or that this
 * command installed or updated (`touched`). A place whose package (name, version, lockfile
 * integrity) is the one recorded before keeps its entry — files changed meanwhile stay refused, not
 * accepted as new; any other is hashed as npm just left it. Plugins no longer installed, and
 * packages no plugin's closure holds, are dropped; the file goes when nothing is left.
 */
export function recordIntegrity(dir: string, touched: readonly string[]): void {
  const before = readIntegrity(dir);
  const locked = lockedPackages(dir);
  const next: IntegrityRecord = { plugins: {}, packages: {} };
  for (const plugin of Object.keys(installedPlugins(dir))) {
    if (!touched.includes(plugin) && before.plugins[plugin] === undefined) continue; // installed by a version that kept no record
    const places = packageClosure(dir, `node_modules/${plugin}`);
    next.plugins[plugin] = places;
    for (const place of places) next.packages[place] ??= entryFor(dir, place, before.packages[place], locked[place]?.integrity);
  }
  if (Object.keys(next.plugins).length === 0) rmSync(join(dir, INTEGRITY_FILE), { force: true });
  else writeIntegrity(dir, next);
}

function entryFor(dir: string, place: string, old: InstalledPackage | undefined, integrity: string | undefined): InstalledPackage {
  const full = join(dir, place);
  const { name, version } = nameAndVersion(full);
  if (old && old.name === name && old.version === version && old.integrity === integrity) return old;
  return { name, version, ...(integrity ? { integrity } : {}), fingerprint: packageFingerprint(full, FINGERPRINT_HOST) ?? "", files: hashPackageFiles(full) };
}

/**
 * Before `plugins install` of plugins already installed in `dir`: removes each one's own directory,
 * and that of every package of its recorded closure whose files no longer match, so that npm puts
 * them back from the registry (or its cache) instead of keeping changed files.
 *
 * @returns whether anything was removed (node_modules then differs from what npm left).
 */
export function clearForReinstall(dir: string, names: readonly string[]): boolean {
  const record = readIntegrity(dir);
  const installed = installedPlugins(dir);
  let removed = false;
  for (const name of names.filter((each) => installed[each] !== undefined)) {
    const places = new Set([`node_modules/${name}`]);
    for (const place of record.plugins[name] ?? []) {
      const entry = record.packages[place];
      if (entry && packageFingerprint(join(dir, place), FINGERPRINT_HOST) !== entry.fingerprint && !unchanged(diffFiles(entry.files, safeHashes(join(dir, place))))) places.add(place);
    }
    for (const place of places) {
      rmSync(join(dir, place), { recursive: true, force: true });
      removed = true;
    }
  }
  return removed;
}

function safeHashes(dir: string): Record<string, string> {
  try {
    return hashPackageFiles(dir);
  } catch {
    return {};
  }
}
