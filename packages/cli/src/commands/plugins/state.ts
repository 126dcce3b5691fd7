import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { PluginError } from "@integrations/core/base";
import { describePackage } from "../../discovery/package.js";
import { loadDeclarations, type PluginLoading } from "../../discovery/load.js";
import type { PluginRecord } from "../../discovery/record.js";

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
 * resolves it, checks its manifest and compatibility, imports it and checks its shape.
 *
 * @returns the records (status ok); @throws PluginLoadError, or PluginError with the reason when a record is not ok.
 */
export async function validateInstalled(packageName: string, dir: string, run: PluginLoading): Promise<PluginRecord[]> {
  const records = await describePackage(packageName, dir, "user");
  for (const record of records) {
    if (record.status !== "ok") throw new PluginError(`${packageName} is ${record.status}: ${record.cause ?? "unknown reason"}`);
    await loadDeclarations(record, run);
  }
  return records;
}
