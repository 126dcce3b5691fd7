import { readFileSync, type Dirent } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { linkedPlugins, installedPlugins, userPluginDir } from "./user-dir.js";
import type { CliConfig } from "../cli-config/settings.js";
import { globalNodeModules, type GlobalContext } from "./global-dirs.js";
import { isPluginPackageName } from "./naming.js";
import { entriesOf, isDirectory, realpathOrUndefined } from "./quiet-fs.js";
import { projectRoot } from "./package-root.js";
import { isBuiltinOf, projectCli } from "./project-cli.js";
import { describeDirectory, describePackage } from "./package.js";
import { describeNamedEntry } from "./named-entry.js";
import type { PluginRecord } from "./record.js";
import { CLI_PACKAGE_DIR, cliManifest } from "../runtime/package-dir.js";

export { projectRoot };

const DEPENDENCY_FIELDS = ["dependencies", "devDependencies", "optionalDependencies", "peerDependencies"] as const;

/** Whether a `--plugin` value is a path (`./x`, `../x`, `/x`, `.`, `..`, `file:x`) rather than a package name. */
export function isPathSpec(spec: string): boolean {
  return /^(\.{1,2}([/\\]|$)|\/|file:)/.test(spec) || (process.platform === "win32" && /^([a-zA-Z]:)?\\/.test(spec));
}

/** A path spec made absolute against `base`: `file:` URLs and `file:` relative paths included. */
function specPath(spec: string, base: string): string {
  if (spec.startsWith("file://")) return fileURLToPath(spec);
  return resolve(base, spec.replace(/^file:/, ""));
}

/**
 * Source 1, `--plugin <path|package>` (repeatable): a path (`./`, `../`, `/`, `file:`) is resolved
 * from `cwd` and read as a plugin package directory; a package name or shorthand is resolved from
 * `cwd` (`describeNamedEntry`).
 */
export async function cliPlugins(specs: readonly string[], cwd: string): Promise<PluginRecord[]> {
  const records = await Promise.all(specs.map((spec) => (isPathSpec(spec) ? describeDirectory(specPath(spec, cwd), "cli") : describeNamedEntry(spec, cwd, "cli", `--plugin ${spec}`))));
  return records.flat();
}

/**
 * Source 2, the CLI config's `plugins:` list: absolute paths (settings.ts made them so) are read as
 * plugin package directories; package names and shorthands are resolved from the config file's
 * directory (`describeNamedEntry`). An entry that resolves nowhere is an `error` record marked
 * `unresolved`, which shadows no other copy of its integration (`mergeSources`).
 */
export async function configPlugins(config: Pick<CliConfig, "plugins" | "path">): Promise<PluginRecord[]> {
  const entries = config.plugins ?? [];
  if (entries.length === 0) return [];
  const base = config.path ? dirname(config.path) : process.cwd();
  const records = await Promise.all(
    entries.map((entry) =>
      isAbsolute(entry) || isPathSpec(entry)
        ? describeDirectory(specPath(entry, base), "config")
        : describeNamedEntry(entry, base, "config", `plugins entry "${entry}" in ${config.path ?? "the CLI config"}`),
    ),
  );
  return records.flat();
}

/**
 * Source 3, the project: the nearest directory at or above `cwd` with a package.json. Its declared
 * dependencies (all kinds) named like plugins, plus plugin packages sitting in its own
 * `node_modules` (real directories or symlinks, as pnpm lays them out). Nothing above the project.
 * A package found only in `node_modules` that is a built-in of the project's own copy of the CLI
 * (`isBuiltinOf`: npm hoists that copy's dependencies there) is that copy's, not a project plugin;
 * one the project declares itself is a project plugin all the same.
 */
export async function projectPlugins(cwd: string, warn: (message: string) => void): Promise<PluginRecord[]> {
  const root = projectRoot(cwd);
  if (!root) return [];
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as Record<string, unknown>;
  } catch (error) {
    warn(`${join(root, "package.json")} cannot be read (${(error as Error).message}); its plugins are skipped`);
    return [];
  }
  const declared = new Set(DEPENDENCY_FIELDS.flatMap((field) => Object.keys((json[field] as Record<string, string>) ?? {})).filter(isPluginPackageName));
  const nodeModules = join(root, "node_modules");
  let installed = installedPluginNames(nodeModules).filter((name) => !declared.has(name));
  const cli = installed.length > 0 ? projectCli(root) : undefined;
  if (cli) installed = installed.filter((name) => !isBuiltinOf(cli, name, realpathOrUndefined(join(nodeModules, name)) ?? ""));
  const records = await Promise.all([...declared, ...installed].sort().map((name) => describePackage(name, root, "project")));
  return records.flat();
}

/**
 * Source 4, the user plugin directory (`userPluginDir(config)`): the plugin packages of its
 * package.json `dependencies`, resolved from that directory, then its linked plugins (links.json),
 * read in place. A link whose directory is gone is one record with status `error`
 * (`link target missing: <dir>`).
 */
export async function userPlugins(config: Pick<CliConfig, "dataDir">): Promise<PluginRecord[]> {
  const dir = userPluginDir(config);
  const [installed, links] = [installedPlugins(dir), linkedPlugins(dir)];
  // What `plugins install` accepts: a plugin-named package, or any package with a manifest.
  const names = Object.keys(installed).sort();
  const isPlugin = (record: PluginRecord) => record.manifest || isPluginPackageName(record.packageName);
  const records = await Promise.all([
    ...names.map(async (name) => (await describePackage(name, dir, "user")).filter(isPlugin)),
    ...Object.entries(links)
      .filter(([, target]) => typeof target === "string" && target !== "")
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, target]) => describeDirectory(resolve(dir, target), "user", { name, missing: "link target missing" })),
  ]);
  return records.flat();
}

/** Source 5, the global installs: every plugin package sitting in npm's global root or pnpm's global directories. */
export async function globalPlugins(context?: GlobalContext): Promise<PluginRecord[]> {
  const records: PluginRecord[][] = [];
  for (const nodeModules of globalNodeModules(context)) {
    const names = installedPluginNames(nodeModules).sort();
    // Resolved from the directory holding that node_modules, as Node would from a module there.
    records.push(...(await Promise.all(names.map((name) => describePackage(name, dirname(nodeModules), "global")))));
  }
  return records.flat();
}

/**
 * Plugin package names in one `node_modules`: `integrations-plugin-*` and
 * `@scope/integrations-plugin[-*]`, as real directories or symlinks to one (`fs.stat` follows links;
 * a dangling link is skipped). `.pnpm` and other names are never entered.
 */
function installedPluginNames(nodeModules: string): string[] {
  const found: string[] = [];
  for (const entry of entriesOf(nodeModules)) {
    if (entry.name.startsWith("@")) {
      for (const inner of entriesOf(join(nodeModules, entry.name))) {
        const name = `${entry.name}/${inner.name}`;
        if (isPluginPackageName(name) && isPackageDirectory(inner, nodeModules, name)) found.push(name);
      }
    } else if (isPluginPackageName(entry.name) && isPackageDirectory(entry, nodeModules, entry.name)) {
      found.push(entry.name);
    }
  }
  return found;
}

/** A directory entry is a directory, or a symlink to one (followed with a stat only then: a real directory costs nothing more). */
function isPackageDirectory(entry: Dirent, nodeModules: string, name: string): boolean {
  return entry.isDirectory() || (entry.isSymbolicLink() && isDirectory(join(nodeModules, name)));
}

// Process-wide, not run state: the built-ins are the CLI's own packages, the same for every run.
let builtins: Promise<PluginRecord[]> | undefined;

/**
 * Source 6, the built-ins: the packages listed in the CLI's own package.json `integrationsBuiltins`,
 * described once per process. The start-up snapshot's warm-up describes them while it is built, so
 * a run from the snapshot reads none of their files (the launcher uses the snapshot only while
 * those package.json files are unchanged: scripts/build-snapshot.mjs watches them).
 */
export function builtinPlugins(): Promise<PluginRecord[]> {
  builtins ??= Promise.all((cliManifest().integrationsBuiltins ?? []).map((name) => describePackage(name, CLI_PACKAGE_DIR, "builtin"))).then((records) => records.flat());
  return builtins;
}
