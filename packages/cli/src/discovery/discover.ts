import { builtinPlugins, projectPlugins } from "./sources.js";
import type { PluginRecord } from "./record.js";

/**
 * Every plugin the host can see from `cwd`, highest precedence first (DESIGN.md §3): the project's,
 * then the built-ins. One package reached through several sources (same realpath) is one record,
 * labelled by its highest-precedence source, except that a built-in is always labelled `builtin`.
 * When two packages offer the same integration, the first wins and the others become `shadowed`.
 * Reads package.json files only: no plugin code is imported.
 */
export function discoverPlugins(cwd: string): Promise<PluginRecord[]> {
  let found = discovered.get(cwd);
  if (!found) discovered.set(cwd, (found = discover(cwd)));
  return found;
}

/** Discovery runs once per process and working directory: `list` and its help text share it. */
const discovered = new Map<string, Promise<PluginRecord[]>>();

async function discover(cwd: string): Promise<PluginRecord[]> {
  const [project, builtin] = await Promise.all([projectPlugins(cwd), builtinPlugins()]);
  const builtinDirs = new Set(builtin.map((record) => record.dir));
  const seen = new Set<string>();
  const records: PluginRecord[] = [];
  for (const record of [...project.filter((r) => !builtinDirs.has(r.dir)), ...builtin]) {
    const key = `${record.dir}\0${record.integration}`;
    if (seen.has(key)) continue;
    seen.add(key);
    records.push(record);
  }
  const winners = new Map<string, PluginRecord>();
  for (const record of records) {
    const winner = winners.get(record.integration);
    if (!winner) winners.set(record.integration, record);
    else if (record.status !== "error") Object.assign(record, { status: "shadowed", cause: `shadowed by ${winner.packageName} (${winner.source})` });
  }
  return records;
}

/** The record that runs `integrations <name>`: the winner for that integration, or a package named so. */
export function findPlugin(records: readonly PluginRecord[], name: string): PluginRecord | undefined {
  return (
    records.find((r) => r.integration === name.toLowerCase() && r.status !== "shadowed") ??
    records.find((r) => r.packageName === name)
  );
}
