import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { resolve as resolveModule } from "import-meta-resolve";
import { incompatibility, type CompatFields } from "./compat.js";
import { packageRoot } from "./package-root.js";
import { defaultIntegrationName } from "./naming.js";
import type { PluginRecord, PluginSource } from "./record.js";

interface PackageJson extends CompatFields {
  name?: string;
  version?: string;
  description?: string;
  integrationsPlugin?: { apiVersion?: unknown; integrations?: unknown };
  peerDependencies?: Record<string, string>;
}

/**
 * Finds a plugin package the way Node would import it from `fromDir` (so hoisting and pnpm's
 * symlinks work) and describes it from its package.json alone, without importing any code: one
 * record per integration its manifest lists (or the one its name implies). A package that cannot be
 * resolved or read becomes one record with status `error` and the cause.
 */
export async function describePackage(packageName: string, fromDir: string, source: PluginSource): Promise<PluginRecord[]> {
  let entry: string;
  try {
    entry = resolveModule(packageName, pathToFileURL(join(fromDir, "/")).href);
  } catch (error) {
    return [failed(packageName, join(fromDir, "node_modules", packageName), source, `cannot be resolved from ${fromDir}: ${firstLine(error)}; install it (npm install ${packageName})`)];
  }
  const dir = await packageRoot(fileURLToPath(entry), packageName);
  if (!dir) return [failed(packageName, dirname(fileURLToPath(entry)), source, "its package.json was not found")];
  let json: PackageJson;
  try {
    json = JSON.parse(await readFile(join(dir, "package.json"), "utf8")) as PackageJson;
  } catch (error) {
    return [failed(packageName, dir, source, `its package.json cannot be read: ${firstLine(error)}`)];
  }
  const base = { packageName, dir, entry, source, manifest: json.integrationsPlugin !== undefined, ...(json.version ? { version: json.version } : {}), ...(json.description ? { description: json.description } : {}) };
  const manifest = json.integrationsPlugin;
  const names = (manifest && manifestNames(manifest)) ?? [defaultIntegrationName(packageName)];
  const cause = await incompatibility(json);
  return names.map((integration) => ({ ...base, integration, ...(cause ? { status: "incompatible" as const, cause } : { status: "ok" as const }) }));
}

function manifestNames(manifest: NonNullable<PackageJson["integrationsPlugin"]>): string[] | undefined {
  const list = manifest.integrations;
  return Array.isArray(list) && list.length > 0 && list.every((n) => typeof n === "string") ? (list as string[]) : undefined;
}

function failed(packageName: string, dir: string, source: PluginSource, cause: string): PluginRecord {
  return { integration: defaultIntegrationName(packageName), packageName, dir, source, status: "error", cause, manifest: false };
}

function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error).split("\n")[0]!;
}
