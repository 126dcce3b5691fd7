import { join } from "node:path";
import { describePackage, failed, installAdvice, resolveFailure } from "./package.js";
import { installedPackageDir } from "./package-root.js";
import { pluginNameProblem, toPackageName } from "./naming.js";
import type { PluginRecord } from "./record.js";

/**
 * A package named by `--plugin` (source `cli`) or by the CLI config's `plugins:` (source `config`),
 * resolved from `base` (the working directory, the config file's directory) as Node would import it:
 * the name as written, else its plugin package when it is a shorthand (`billing` →
 * `integrations-plugin-billing`, `@acme/billing` → `@acme/integrations-plugin-billing`, `@acme` →
 * `@acme/integrations-plugin`: `toPackageName`).
 *
 * When neither is installed there, one `error` record named by the plugin package, with `unresolved`
 * set and a cause saying where the entry was written (`where`), what is missing, and the command that
 * installs the plugin package where the entry is resolved from.
 */
export async function describeNamedEntry(entry: string, base: string, source: "cli" | "config", where: string): Promise<PluginRecord[]> {
  const expanded = pluginNameProblem(entry) === undefined ? toPackageName(entry) : entry;
  const found = [entry, expanded].find((name) => installedPackageDir(name, base) !== undefined);
  if (found !== undefined) return await describePackage(found, base, source);
  const missing =
    expanded === entry
      ? `${entry} is not installed there (${resolveFailure(entry, base)})`
      : `neither ${expanded} (the plugin package of the shorthand ${entry}) nor a package named ${entry} is installed there`;
  const cause = `${where} cannot be resolved from ${base}: ${missing}; ${installAdvice(expanded, base, source)}`;
  return [{ ...failed(expanded, join(base, "node_modules", expanded), source, cause), unresolved: true }];
}
