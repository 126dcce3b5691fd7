import { readdir, readFile, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { warn } from "../report.js";
import { isPluginPackageName } from "./naming.js";
import { describePackage } from "./package.js";
import type { PluginRecord } from "./record.js";

const DEPENDENCY_FIELDS = ["dependencies", "devDependencies", "optionalDependencies", "peerDependencies"] as const;

/**
 * Source 3, the project: the nearest directory at or above `cwd` with a package.json. Its declared
 * dependencies (all kinds) named like plugins, plus plugin packages sitting in its own
 * `node_modules` (real directories or symlinks, as pnpm lays them out). Nothing above the project.
 */
export async function projectPlugins(cwd: string): Promise<PluginRecord[]> {
  const root = await projectRoot(cwd);
  if (!root) return [];
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(await readFile(join(root, "package.json"), "utf8")) as Record<string, unknown>;
  } catch (error) {
    warn(`${join(root, "package.json")} cannot be read (${(error as Error).message}); its plugins are skipped`);
    return [];
  }
  const declared = DEPENDENCY_FIELDS.flatMap((field) => Object.keys((json[field] as Record<string, string>) ?? {}));
  const names = new Set([...declared.filter(isPluginPackageName), ...(await installedPluginNames(join(root, "node_modules")))]);
  const records = await Promise.all([...names].sort().map((name) => describePackage(name, root, "project")));
  return records.flat();
}

/** The nearest directory at or above `cwd` holding a package.json, or undefined. */
export async function projectRoot(cwd: string): Promise<string | undefined> {
  for (let dir = cwd; ; dir = dirname(dir)) {
    if (await isFile(join(dir, "package.json"))) return dir;
    if (dir === dirname(dir)) return undefined;
  }
}

/** Plugin package names in one `node_modules`: `integrations-plugin-*` and `@scope/integrations-plugin[-*]`. */
async function installedPluginNames(nodeModules: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(nodeModules).catch(() => [] as string[])) {
    if (entry.startsWith("@")) {
      for (const inner of await readdir(join(nodeModules, entry)).catch(() => [] as string[])) {
        const name = `${entry}/${inner}`;
        if (isPluginPackageName(name) && (await isDirectory(join(nodeModules, name)))) found.push(name);
      }
    } else if (isPluginPackageName(entry) && (await isDirectory(join(nodeModules, entry)))) {
      found.push(entry);
    }
  }
  return found;
}

/** Source 6, the built-ins: the packages listed in the CLI's own package.json `integrationsBuiltins`. */
export async function builtinPlugins(): Promise<PluginRecord[]> {
  const cliDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
  const json = JSON.parse(await readFile(join(cliDir, "package.json"), "utf8")) as { integrationsBuiltins?: string[] };
  const records = await Promise.all((json.integrationsBuiltins ?? []).map((name) => describePackage(name, cliDir, "builtin")));
  return records.flat();
}

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isFile() ?? false;
}

/** `fs.stat` follows symlinks, so a pnpm-style link counts; a dangling link does not. */
async function isDirectory(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
}
