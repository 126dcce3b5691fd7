import { UsageError } from "@integrations/core/base";
import type { CliConfig } from "../cli-config/settings.js";
import { Output } from "../output/output.js";
import { builtinPlugins, cliPlugins, configPlugins, globalPlugins, projectPlugins, userPlugins } from "./sources.js";
import { checkPluginName } from "./naming.js";
import type { PluginRecord } from "./record.js";
import { trustPolicy, withRunModes } from "./trust.js";

/** What discovery depends on. */
export interface DiscoveryOptions {
  /** The working directory: the project is the nearest package.json at or above it; `--plugin` paths are relative to it. */
  cwd: string;
  /** The `--plugin <path|package>` values, as typed, in order. */
  plugins?: readonly string[];
  /** The CLI config (`Run.cliConfig`): its `plugins`, `autoDiscover`, `dataDir`, `trust` and `untrusted`. */
  config?: CliConfig;
  /** Built-in plugins only (`--no-plugins`, `INTEGRATIONS_NO_PLUGINS`). @default false */
  pluginsOff?: boolean;
  /** Where discovery's warnings go (a project package.json that cannot be read). @default stderr */
  warn?: (message: string) => void;
}

/**
 * Every plugin the host can see (docs/design.md "Discovery"), highest precedence first: `--plugin` (source `cli`),
 * the CLI config's `plugins` (`config`), the project (`project`), the user plugin directory (`user`),
 * the global installs (`global`), the built-ins (`builtin`). `autoDiscover: false` in the config
 * turns off `project` and `global`; `pluginsOff` (`--no-plugins`) turns off all but the built-ins.
 *
 * One package reached through several sources (same realpath) is one record, placed and labelled by
 * its highest-precedence source, except that a built-in is always labelled `builtin`. When two
 * packages offer the same integration, the first wins and the others become `shadowed` (naming the
 * winner). Every record says how its plugin runs (`runs`: the trust policy of trust.ts, from the
 * config's `trust` and `untrusted` and the user plugin directory's trust.json). Reads package.json
 * files only: no plugin code is imported. A run discovers once (`Run.discover`): `--help`, `list` and
 * an integration command share it.
 */
export async function discoverPlugins(options: DiscoveryOptions): Promise<PluginRecord[]> {
  return withRunModes(mergeSources(await scanSources(options)), trustPolicy(options.config ?? {}));
}

/** Discovery's warnings on stderr, for a caller that names no place for them. */
function warnOnStderr(message: string): void {
  new Output(
    { quiet: false, json: false, debug: false },
    () => true,
    (text) => process.stderr.write(text),
  ).warn(message);
}

/**
 * What each source offers, unmerged, in precedence order (cli, config, project, user, global,
 * builtin); a source turned off by `autoDiscover: false` offers nothing, and with `--no-plugins`
 * (`pluginsOff`) only the built-ins offer anything. For `doctor`.
 *
 * @throws UsageError when `--plugin` is given while plugins are off.
 */
export async function scanSources({ cwd, plugins = [], config = {}, pluginsOff = false, warn = warnOnStderr }: DiscoveryOptions): Promise<PluginRecord[][]> {
  if (pluginsOff) {
    if (plugins.length > 0) throw new UsageError(`--plugin ${plugins[0]} contradicts --no-plugins (or INTEGRATIONS_NO_PLUGINS=1), which runs with the built-in plugins only; drop one of them`);
    return [[], [], [], [], [], await builtinPlugins()];
  }
  const scan = config.autoDiscover !== false;
  const none = Promise.resolve([] as PluginRecord[]);
  return Promise.all([cliPlugins(plugins, cwd), configPlugins(config), scan ? projectPlugins(cwd, warn) : none, userPlugins(config), scan ? globalPlugins() : none, builtinPlugins()]);
}

/**
 * The records of `scanSources` merged as `discoverPlugins` returns them: one per package and
 * integration, losers shadowed. An `unresolved` record (a `--plugin` or `plugins:` package installed
 * nowhere) wins nothing: it stays `error`, and its cause says which copy runs its integration instead.
 */
export function mergeSources(bySource: PluginRecord[][]): PluginRecord[] {
  const builtinDirs = new Set(bySource[5]!.map((record) => record.dir));
  const records: PluginRecord[] = [];
  const seen = new Set<string>();
  for (const record of bySource.flat()) {
    const key = `${record.dir}\0${record.integration}`;
    if (seen.has(key)) continue;
    seen.add(key);
    records.push(record.source !== "builtin" && builtinDirs.has(record.dir) ? { ...record, source: "builtin" } : record);
  }
  const winners = new Map<string, PluginRecord>();
  for (const record of records) {
    if (record.unresolved) continue;
    const winner = winners.get(record.integration);
    if (!winner) winners.set(record.integration, record);
    else if (record.status !== "error") Object.assign(record, { status: "shadowed", cause: `shadowed by ${winner.packageName} (${winner.source}, ${winner.dir})` });
  }
  return records.map((record) => {
    const instead = record.unresolved ? winners.get(record.integration) : undefined;
    if (!instead) return record;
    return {
      ...record,
      cause: `${record.cause}; meanwhile integrations ${record.integration} runs ${instead.packageName}${instead.version ? `@${instead.version}` : ""} (${instead.source}, ${instead.dir})`,
    };
  });
}

/**
 * The record that runs `integrations <name>`: the winner for that integration, or a package named so
 * (an `unresolved` record only when nothing else answers to the name, so that running it says why).
 * @throws UsageError when `name` is not a name at all (`../x`, `/abs`, `a/b/c`: see `checkPluginName`).
 */
export function findPlugin(records: readonly PluginRecord[], name: string): PluginRecord | undefined {
  checkPluginName(name);
  const matches = (r: PluginRecord) => r.integration === name.toLowerCase() && r.status !== "shadowed";
  const resolved = records.filter((r) => !r.unresolved);
  return resolved.find(matches) ?? resolved.find((r) => r.packageName === name) ?? records.find(matches) ?? records.find((r) => r.packageName === name);
}

/** The records that answer to their integration name, for `--help`: none shadowed, and an `unresolved` one only when no other record offers its integration. */
export function answering(records: readonly PluginRecord[]): PluginRecord[] {
  const offered = new Set(records.filter((r) => !r.unresolved && r.status !== "shadowed").map((r) => r.integration));
  return records.filter((r) => r.status !== "shadowed" && !(r.unresolved && offered.has(r.integration)));
}

/** The `--plugin` and `plugins:` entries that were meant to provide `record`'s integration but resolve nowhere: a run of `record` warns about each. */
export function unresolvedEntriesFor(records: readonly PluginRecord[], record: PluginRecord): PluginRecord[] {
  return records.filter((r) => r.unresolved && r !== record && r.integration === record.integration);
}
