import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describePackage } from "../discovery/package.js";
import { loadPlugin } from "../discovery/load.js";
import type { PluginRecord } from "../discovery/record.js";

const FILES = ["package.json", "package-lock.json"] as const;

/** The user plugin directory's package.json and lockfile as they were, to roll an install back. */
export type Snapshot = Record<(typeof FILES)[number], string | undefined>;

/** Creates the user plugin directory with an empty private package.json when it does not exist. */
export async function ensurePluginDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const exists = await readFile(join(dir, "package.json"), "utf8").then(() => true, () => false);
  if (!exists) {
    const json = { name: "integrations-user-plugins", private: true, description: "Plugins installed by `integrations plugins install`", dependencies: {} };
    await writeFile(join(dir, "package.json"), `${JSON.stringify(json, null, 2)}\n`);
  }
}

export async function snapshot(dir: string): Promise<Snapshot> {
  const read = (file: string) => readFile(join(dir, file), "utf8").catch(() => undefined);
  return { "package.json": await read("package.json"), "package-lock.json": await read("package-lock.json") };
}

/**
 * Puts package.json and the lockfile back as they were (npm then makes node_modules match). npm's
 * hidden lockfile (node_modules/.package-lock.json) goes too: npm would otherwise trust it and keep
 * what the failed install added.
 */
export async function restore(dir: string, saved: Snapshot): Promise<void> {
  for (const file of FILES) {
    const text = saved[file];
    if (text === undefined) await rm(join(dir, file), { force: true });
    else await writeFile(join(dir, file), text);
  }
  await rm(join(dir, "node_modules", ".package-lock.json"), { force: true });
}

/** The dependencies added or changed between two package.json texts: name → spec. */
export function changedDependencies(before: string | undefined, after: string | undefined): string[] {
  const deps = (text: string | undefined) => (text ? ((JSON.parse(text) as { dependencies?: Record<string, string> }).dependencies ?? {}) : {});
  const old = deps(before);
  return Object.entries(deps(after)).filter(([name, spec]) => old[name] !== spec).map(([name]) => name);
}

/**
 * Loads every integration of a package installed in the user directory, exactly as discovery will:
 * resolves it, checks its manifest and compatibility, imports it and checks its shape.
 *
 * @returns the records (status ok); @throws PluginLoadError or an Error with the reason otherwise.
 */
export async function validateInstalled(packageName: string, dir: string): Promise<PluginRecord[]> {
  const records = await describePackage(packageName, dir, "user");
  for (const record of records) {
    if (record.status !== "ok") throw new Error(`${packageName} is ${record.status}: ${record.cause ?? "unknown reason"}`);
    await loadPlugin(record);
  }
  return records;
}
