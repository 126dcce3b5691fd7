import { stat } from "node:fs/promises";
import { dirname, isAbsolute, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { scanSources } from "../../discovery/discover.js";
import type { Run } from "../../run/run.js";
import { globalNodeModules } from "../../discovery/global-dirs.js";
import { isPathSpec, projectRoot } from "../../discovery/sources.js";
import { pluginNameProblem, toPackageName } from "../../discovery/naming.js";
import type { PluginRecord, PluginSource } from "../../discovery/record.js";
import { userPluginDir } from "../../discovery/user-dir.js";
import type { CliConfig } from "../../cli-config/settings.js";
import { CLI_PACKAGE_DIR } from "../../runtime/package-dir.js";

/** One discovery source as `doctor` shows it (docs/design.md "Discovery"). */
export interface SourceFacts {
  name: PluginSource;
  /** False when `autoDiscover: false` turns the source off (project, global): it is not scanned. */
  enabled: boolean;
  /** Where the source looks: directories (or, for `--plugin`/`plugins:` package names, where they resolved). */
  paths: { path: string; exists: boolean }[];
  /** Distinct plugin packages it offers (before shadowing). */
  plugins: number;
  /** Integrations those packages offer. */
  integrations: number;
  /** Why the source has no paths, or how it is set up (`$INTEGRATIONS_DATA_DIR`, …). */
  note: string | null;
}

const exists = async (path: string) => (await stat(path).catch(() => undefined)) !== undefined;

function located(paths: string[]): Promise<SourceFacts["paths"]> {
  return Promise.all(paths.map(async (path) => ({ path, exists: await exists(path) })));
}

/** Where `--plugin`/`plugins:` entries point: the directory of a path, the resolved package directory of a name or shorthand. */
function entryPaths(entries: readonly string[], records: PluginRecord[], base: string): string[] {
  return entries.map((entry) => {
    if (isPathSpec(entry) || isAbsolute(entry)) return entry.startsWith("file://") ? fileURLToPath(entry) : resolve(base, entry.replace(/^file:/, ""));
    const names = [entry, pluginNameProblem(entry) === undefined ? toPackageName(entry) : entry];
    return records.find((r) => !r.unresolved && names.includes(r.packageName))?.dir ?? `${entry} (not resolved)`;
  });
}

function userDirOrigin(config: CliConfig): string {
  if (process.env.INTEGRATIONS_DATA_DIR) return "from $INTEGRATIONS_DATA_DIR";
  if (config.dataDir) return "from the CLI config's dataDir";
  return process.env.XDG_DATA_HOME ? "from $XDG_DATA_HOME" : "the default location";
}

/**
 * Every discovery source in precedence order (cli, config, project, user, global, builtin) with
 * where it looks, whether that exists and how many plugins it offers, plus the records of all of
 * them (unmerged, in the same order) for the plugin statuses.
 */
export async function sourceFacts(run: Run, config: CliConfig): Promise<{ sources: SourceFacts[]; bySource: PluginRecord[][] }> {
  const { cwd, plugins } = run;
  const bySource = await scanSources({ cwd, plugins, config, pluginsOff: run.pluginsOff, warn: (message) => run.output.warn(message) });
  const enabled = config.autoDiscover !== false;
  const root = projectRoot(cwd);
  const userDir = userPluginDir(config);
  const configBase = config.path ? dirname(config.path) : cwd;
  const disabled = `autoDiscover: false in ${config.path ?? "the CLI config"}`;
  const rows: [PluginSource, boolean, string[], string | null][] = [
    ["cli", true, entryPaths(plugins, bySource[0]!, cwd), plugins.length === 0 ? "no --plugin given" : null],
    ["config", true, entryPaths(config.plugins ?? [], bySource[1]!, configBase), config.path ? `${config.plugins?.length ? "" : "no "}"plugins" in ${config.path}` : "no CLI config"],
    ["project", enabled, root ? [root] : [], !enabled ? disabled : root ? null : `no package.json at or above ${cwd}`],
    ["user", true, [userDir], userDirOrigin(config)],
    ["global", enabled, globalNodeModules(), enabled ? null : disabled],
    ["builtin", true, [CLI_PACKAGE_DIR], null],
  ];
  const sources = await Promise.all(
    rows.map(async ([name, on, paths, note], i) => {
      const records = bySource[i]!;
      return { name, enabled: on, paths: await located(paths), plugins: new Set(records.map((r) => r.packageName)).size, integrations: records.length, note };
    }),
  );
  return { sources, bySource };
}
