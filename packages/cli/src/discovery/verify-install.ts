// Before a plugin installed with npm into the user plugin directory is imported: are its files, and
// those of every package it imports from there, still the ones `plugins install` recorded in
// integrity.json? The usual answer costs one fingerprint per package (directory listings and file
// metadata, no content read); only a package whose fingerprint changed has its files hashed.
import { join } from "node:path";
import { packageFingerprint } from "./fingerprint.js";
import { FINGERPRINT_HOST, readIntegrity, writeIntegrity, type IntegrityRecord } from "./integrity-file.js";
import { PluginLoadError } from "./load-error.js";
import type { PluginRecord } from "./record.js";

/**
 * Checks the installed files of `record`'s plugin against integrity.json in the user plugin
 * directory it was installed into (`record.installedIn`; records of other sources and linked plugins
 * have none, and pass). For each package of the plugin's recorded closure: an equal fingerprint
 * passes; else its files are hashed, and equal hashes pass (the new fingerprint is stored, so that a
 * `touch` costs one hashing); a missing, modified or added file refuses. A plugin with no entry
 * (installed by a version that kept no record) passes: it is verified once reinstalled.
 *
 * @throws PluginLoadError naming the files that changed (the first few) and the package they are in.
 */
export async function verifyInstalledFiles(record: PluginRecord): Promise<void> {
  const userDir = record.installedIn;
  if (record.source !== "user" || userDir === undefined) return;
  const integrity = readIntegrity(userDir);
  const places = integrity.plugins[record.packageName];
  if (places === undefined) return;
  const stale = places.filter((place) => {
    const entry = integrity.packages[place];
    return entry === undefined || packageFingerprint(join(userDir, place), FINGERPRINT_HOST) !== entry.fingerprint;
  });
  if (stale.length === 0) return;
  const { diffFiles, describeChanges, hashPackageFiles, unchanged } = await import("./file-hashes.js");
  const { packageClosure } = await import("./package-closure.js");
  const refreshed: Record<string, { fingerprint: string; files: string }> = {};
  for (const place of stale) {
    const entry = integrity.packages[place];
    const dir = join(userDir, place);
    let files: Record<string, string>;
    try {
      files = hashPackageFiles(dir);
    } catch {
      files = {};
    }
    const changes = diffFiles(entry?.files ?? {}, files);
    if (!unchanged(changes)) {
      const what = Object.keys(files).length === 0 ? "its files are gone" : describeChanges(changes);
      throw refusal(record, `${what} (in ${entry?.name ?? place})`);
    }
    const fingerprint = packageFingerprint(dir, FINGERPRINT_HOST);
    if (fingerprint !== undefined) refreshed[place] = { fingerprint, files: JSON.stringify(entry?.files) };
  }
  // A package directory changed: a package may have been put where the plugin's imports now find it first.
  const added = packageClosure(userDir, places[0]!).filter((place) => !places.includes(place));
  if (added.length > 0) throw refusal(record, `${added.slice(0, 3).join(", ")} added (a package its imports now resolve to)`);
  refreshFingerprints(userDir, refreshed);
}

function refusal(record: PluginRecord, what: string): PluginLoadError {
  return new PluginLoadError(
    record,
    `its installed files changed since it was installed: ${what}; reinstall it with integrations plugins install ${record.packageName}${record.version ? `@${record.version}` : ""}`,
  );
}

/**
 * Stores the new fingerprints of packages whose files were found unchanged, read again just before
 * writing (an install running meanwhile keeps what it wrote). Best effort: a directory that cannot
 * be written only means hashing again next time.
 */
function refreshFingerprints(userDir: string, refreshed: Record<string, { fingerprint: string; files: string }>): void {
  if (Object.keys(refreshed).length === 0) return;
  try {
    const current: IntegrityRecord = readIntegrity(userDir);
    let changed = false;
    for (const [place, { fingerprint, files }] of Object.entries(refreshed)) {
      const entry = current.packages[place];
      // Only the entry that was verified: one an install rewrote meanwhile is left to it.
      if (entry && entry.fingerprint !== fingerprint && JSON.stringify(entry.files) === files) {
        entry.fingerprint = fingerprint;
        changed = true;
      }
    }
    if (changed) writeIntegrity(userDir, current);
  } catch {
    // read-only: verified again (by hashing) on the next import
  }
}
