// What `plugins inspect` says about where an installed plugin came from: the integrity package-lock.json
// pins for it, and what its registry publishes about that version (signatures, a provenance attestation).
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { PluginRecord } from "../../discovery/record.js";
import { runNpm, type NpmContext } from "./npm.js";
import { npmFailure } from "./npm-errors.js";
import { npmRegistryFlag } from "./registries.js";
import type { Provenance } from "./provenance-lines.js";

/** The `dist` of a version as the registry gives it (`npm view <name>@<version> dist --json`). */
export interface Dist {
  signatures?: { keyid?: string }[];
  attestations?: { url?: string; provenance?: { predicateType?: string } };
}

/**
 * The provenance of a plugin npm installed into the user plugin directory (`record.installedIn`):
 * the lockfile's integrity, and the registry's signatures and attestations for the installed
 * version, asked through the user's npm with the registry arguments of the install. Never throws:
 * a registry that cannot be reached gives `unknown`.
 */
export async function provenanceOf(record: PluginRecord, context: NpmContext): Promise<Provenance> {
  const { integrity, resolved } = await lockedEntry(context.dir, record.packageName);
  // A directory, tarball file or git install: no registry has anything to say about it (and none is asked).
  if (record.version === undefined || !/^https?:\/\//.test(resolved ?? "")) {
    const none = { status: "none" as const, reason: "not installed from a registry" };
    return { integrity, provenance: none, signatures: none };
  }
  let dist: Dist | undefined;
  let reason = "registry not reachable";
  try {
    const result = await runNpm(["view"], context, [`${record.packageName}@${record.version}`, "dist"], npmRegistryFlag(record.packageName, context.settings));
    if (result.code === 0) dist = JSON.parse(result.stdout || "{}") as Dist;
    else if (npmFailure(result).code === "E404") reason = "the registry no longer has this version";
  } catch {
    dist = undefined;
  }
  return { integrity, ...fromDist(dist, reason) };
}

/** Reads the signatures and the provenance attestation of a version's `dist` (undefined: the registry was not reachable). */
export function fromDist(dist: Dist | undefined, reason = "registry not reachable"): Pick<Provenance, "provenance" | "signatures"> {
  if (dist === undefined) {
    const unknown = { status: "unknown" as const, reason };
    return { provenance: unknown, signatures: unknown };
  }
  const keyids = (dist.signatures ?? []).map((s) => s.keyid).filter((id): id is string => typeof id === "string");
  const attested = dist.attestations;
  return {
    provenance: attested ? { status: "published", predicateType: attested.provenance?.predicateType ?? null, url: attested.url ?? null } : { status: "none" },
    signatures: keyids.length > 0 ? { status: "published", keyids } : { status: "none" },
  };
}

/** package-lock.json's integrity and resolved URL of the package (null integrity when none is pinned). */
async function lockedEntry(dir: string, packageName: string): Promise<{ integrity: string | null; resolved?: string }> {
  try {
    const lock = JSON.parse(await readFile(join(dir, "package-lock.json"), "utf8")) as { packages?: Record<string, { integrity?: unknown; resolved?: unknown }> };
    const entry = lock.packages?.[`node_modules/${packageName}`];
    return { integrity: typeof entry?.integrity === "string" ? entry.integrity : null, ...(typeof entry?.resolved === "string" ? { resolved: entry.resolved } : {}) };
  } catch {
    return { integrity: null };
  }
}
