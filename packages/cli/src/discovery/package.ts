import { readFileSync, realpathSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import { resolve as resolveModule } from "import-meta-resolve";
import { RESERVED_NAMES } from "@integrations/core/base";
import { childPath, installedPackageDir } from "./package-root.js";
import { incompatibility, type CompatFields } from "./compat.js";
import { defaultIntegrationName } from "./naming.js";
import { commandsFor, foreignPnpFile, pnpAdvice } from "./package-manager.js";
import type { PluginRecord, PluginSource } from "./record.js";

interface PackageJson extends CompatFields {
  name?: unknown;
  version?: string;
  description?: string;
  main?: unknown;
  exports?: unknown;
  integrationsPlugin?: { apiVersion?: unknown; integrations?: unknown };
  peerDependencies?: Record<string, string>;
}

/**
 * Finds a plugin package the way Node would import it from `fromDir` (so hoisting and pnpm's
 * symlinks work) and describes it from its package.json alone, without importing any code: one
 * record per integration its manifest lists (or the one its name implies). A package that cannot be
 * resolved or read becomes one record with status `error` and the cause.
 *
 * @param packageDir the package's own directory, when already known (a linked plugin): then it is
 *   described in place (`describeDirectory`) instead of being resolved by name from `fromDir`.
 */
export async function describePackage(packageName: string, fromDir: string, source: PluginSource, packageDir?: string): Promise<PluginRecord[]> {
  if (packageDir !== undefined) return await describeDirectory(packageDir, source, { name: packageName });
  const dir = installedPackageDir(packageName, fromDir);
  if (dir === undefined) return [unresolved(packageName, fromDir, source)];
  const json = readPackageJson(dir);
  if (typeof json === "string") return [failed(packageName, dir, source, json)];
  const records = await describeRead(packageName, dir, source, json);
  // Resolved by name from the user plugin directory: an npm install there, whose files integrity.json vouches for.
  return source === "user" ? records.map((record) => ({ ...record, installedIn: fromDir })) : records;
}

/** The record of a package found in no `node_modules` above `fromDir`, with Node's own reason (import-meta-resolve) and the fix. */
function unresolved(packageName: string, fromDir: string, source: PluginSource): PluginRecord {
  // Under Plug'n'Play, Node's "cannot find package" would only repeat what the advice says better.
  const pnpFile = source === "project" ? foreignPnpFile(fromDir) : undefined;
  const why = pnpFile ? pnpAdvice(pnpFile) : `${resolveFailure(packageName, fromDir)}; ${installAdvice(packageName, fromDir, source)}`;
  return failed(packageName, join(fromDir, "node_modules", packageName), source, `cannot be resolved from ${fromDir}: ${why}`);
}

/** Why Node cannot resolve `packageName` from `fromDir`: its own message (import-meta-resolve), first line. */
export function resolveFailure(packageName: string, fromDir: string): string {
  try {
    resolveModule(packageName, pathToFileURL(join(fromDir, "/")).href);
  } catch (error) {
    return firstLine(error);
  }
  return "it is not installed there";
}

/**
 * How to get a package that is missing from `fromDir` in front of a CLI run from there, in the
 * words of the tool that manages that place: `plugins install` for the user plugin directory, the
 * CLI's reinstall for a built-in, Yarn's own way for a Plug'n'Play project, else the project's
 * package manager (its install for a declared dependency, its add for anything else).
 */
export function installAdvice(packageName: string, fromDir: string, source: PluginSource): string {
  if (source === "user") return `reinstall it (integrations plugins install ${packageName})`;
  if (source === "builtin") return "the CLI's install is damaged; reinstall @integrations/cli";
  const pnpFile = foreignPnpFile(fromDir);
  if (pnpFile) return pnpAdvice(pnpFile);
  const commands = commandsFor(fromDir);
  if (source === "project") return `it is declared in ${join(fromDir, "package.json")} but not installed: run ${commands.install} in ${fromDir}`;
  return `install it there (${commands.add} ${packageName}, in ${fromDir})`;
}

/**
 * Describes the plugin package in directory `path` (a `--plugin` or config path, a linked plugin),
 * without importing any code. Its entry module is resolved from the package itself, as Node would
 * import it by name: through its `exports` (`"."`, conditions `node`/`import`/`default`), else its
 * `main`, else `index.js`. Symlinks are followed and spaces are fine (file URLs throughout).
 *
 * @param options.missing the cause when `path` does not exist: `path not found` (default), `link target missing`.
 * @param options.name the package expected there (a link's name): names the record when the directory cannot be read.
 */
export async function describeDirectory(path: string, source: PluginSource, options: { missing?: string; name?: string } = {}): Promise<PluginRecord[]> {
  const name = options.name ?? path;
  const guess = defaultIntegrationName(options.name ?? basename(path));
  let dir: string;
  try {
    dir = realpathSync.native(path);
  } catch {
    return [failed(name, path, source, `${options.missing ?? "path not found"}: ${path}`, guess)];
  }
  if (!statSync(dir).isDirectory()) return [failed(name, dir, source, `${path} is not a plugin package directory (give the directory holding its package.json)`, guess)];
  const json = readPackageJson(dir);
  if (typeof json === "string") return [failed(name, dir, source, json, guess)];
  if (typeof json.name !== "string" || json.name === "") return [failed(name, dir, source, `its package.json (${join(dir, "package.json")}) has no name`, guess)];
  return await describeRead(json.name, dir, source, json);
}

/**
 * The file URL of the module to import for a discovered plugin (`loadPlugin` asks, just before
 * importing; discovery itself never resolves entries, so listing costs one package.json read per
 * plugin), or why there is none.
 */
export function pluginEntry(record: Pick<PluginRecord, "packageName" | "dir">): { ok: true; url: string } | { ok: false; cause: string } {
  const json = readPackageJson(record.dir);
  return typeof json === "string" ? { ok: false, cause: json } : ownEntry(record.packageName, record.dir, json);
}

/**
 * The file URL Node would load for `import(packageName)` from inside the package in `dir`: with
 * `exports`, the package's self-reference resolved by import-meta-resolve (all of Node's exports
 * rules); otherwise Node's legacy main lookup.
 */
function ownEntry(packageName: string, dir: string, json: PackageJson): { ok: true; url: string } | { ok: false; cause: string } {
  if (json.exports !== undefined && json.exports !== null) {
    try {
      return { ok: true, url: resolveModule(packageName, pathToFileURL(join(dir, "/")).href) };
    } catch (error) {
      return { ok: false, cause: `its exports give no importable "." entry: ${firstLine(error)}` };
    }
  }
  const main = typeof json.main === "string" && json.main !== "" ? json.main : undefined;
  const candidates = [...(main ? [main, `${main}.js`, join(main, "index.js")] : []), "index.js"];
  for (const candidate of candidates) {
    const file = join(dir, candidate);
    if (statSync(file, { throwIfNoEntry: false })?.isFile()) return { ok: true, url: pathToFileURL(file).href };
  }
  return { ok: false, cause: `its entry module is missing (${main ? `main "${main}"` : "no main, no exports"}, no index.js in ${dir}); build it or fix its package.json` };
}

/** The package.json in `dir`, or why it cannot be read. Synchronous: discovery reads hundreds of small files, and one thread-pool round trip each costs more than the read. */
function readPackageJson(dir: string): PackageJson | string {
  const file = childPath(dir, "package.json");
  try {
    const json = JSON.parse(readFileSync(file, "utf8")) as unknown;
    if (!json || typeof json !== "object" || Array.isArray(json)) return `its package.json (${file}) is not a JSON object`;
    return json as PackageJson;
  } catch (error) {
    return (error as NodeJS.ErrnoException)?.code === "ENOENT" ? `no package.json in ${dir}: not a plugin package` : `its package.json cannot be read: ${firstLine(error)}`;
  }
}

/** The records of one package whose package.json has been read: one per integration it offers. */
async function describeRead(packageName: string, dir: string, source: PluginSource, json: PackageJson): Promise<PluginRecord[]> {
  const base = {
    packageName,
    dir,
    source,
    manifest: json.integrationsPlugin !== undefined,
    ...(json.version ? { version: json.version } : {}),
    ...(json.description ? { description: json.description } : {}),
  };
  const manifest = json.integrationsPlugin;
  const names = (manifest && manifestNames(manifest)) ?? [defaultIntegrationName(packageName)];
  const cause = await incompatibility(json);
  return names.map((integration) =>
    RESERVED_NAMES.includes(integration)
      ? { ...base, integration, status: "error" as const, cause: `"${integration}" is a command word (integrations ${integration}) and cannot be an integration; rename the plugin's integration` }
      : { ...base, integration, ...(cause ? { status: "incompatible" as const, cause } : { status: "ok" as const }) },
  );
}

function manifestNames(manifest: NonNullable<PackageJson["integrationsPlugin"]>): string[] | undefined {
  const list = manifest.integrations;
  return Array.isArray(list) && list.length > 0 && list.every((n) => typeof n === "string") ? (list as string[]) : undefined;
}

/** A record with status `error`: for a package (or path) that could not be described. */
export function failed(packageName: string, dir: string, source: PluginSource, cause: string, integration = defaultIntegrationName(packageName)): PluginRecord {
  return { integration, packageName, dir, source, status: "error", cause, manifest: false };
}

function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error).split("\n")[0]!;
}
