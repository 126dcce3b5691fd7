import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { PluginError } from "@integrations/core/base";
import { describePackage } from "../../discovery/package.js";
import { loadDeclarations, type PluginLoading } from "../../discovery/load.js";
import type { PluginRecord } from "../../discovery/record.js";
import type { TrustPolicy } from "../../discovery/trust.js";
import { asChecked } from "./trust-file.js";

/** Creates the user plugin directory with an empty private package.json when it does not exist. */
export async function ensurePluginDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const exists = await readFile(join(dir, "package.json"), "utf8").then(
    () => true,
    () => false,
  );
  if (!exists) {
    const json = { name: "integrations-user-plugins", private: true, description: "Plugins installed by `integrations plugins install`", dependencies: {} };
    await writeFile(join(dir, "package.json"), `${JSON.stringify(json, null, 2)}\n`);
  }
}

/** The dependencies added or changed between two package.json texts: name → spec. */
export function changedDependencies(before: string | undefined, after: string | undefined): string[] {
  const deps = (text: string | undefined) => (text ? ((JSON.parse(text) as { dependencies?: Record<string, string> }).dependencies ?? {}) : {});
  const old = deps(before);
  return Object.entries(deps(after))
    .filter(([name, spec]) => old[name] !== spec)
    .map(([name]) => name);
}

/**
 * Loads every integration of a package installed in the user directory, exactly as discovery will:
 * resolves it, checks its manifest and compatibility, imports it (in process or sandboxed, as
 * `policy` will run it: `asChecked`) and checks its shape.
 *
 * @returns the records (status ok, `runs` as checked); @throws PluginLoadError, or PluginError with the reason when a record is not ok.
 */
export async function validateInstalled(packageName: string, dir: string, run: PluginLoading, policy: TrustPolicy): Promise<PluginRecord[]> {
  const records = (await describePackage(packageName, dir, "user")).map((record) => asChecked(record, policy));
  for (const record of records) {
    if (record.status !== "ok") throw new PluginError(`${packageName} is ${record.status}: ${record.cause ?? "unknown reason"}`);
    await loadDeclarations(record, run);
  }
  return records;
}
