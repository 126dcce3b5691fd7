import validateName from "validate-npm-package-name";
import { PLUGIN_NAME_PATTERN, PluginError, UsageError } from "@integrations/core/base";
import { checkPluginName, toPackageName } from "../../discovery/naming.js";
import type { PluginRecord } from "../../discovery/record.js";
import { userPlugins } from "../../discovery/sources.js";
import { installedPlugins, linkedPlugins } from "../../discovery/user-dir.js";

/** An installed or linked package of the user plugin directory, as a name given to `plugins uninstall|update` means it. */
export interface InstalledPackage {
  packageName: string;
  linked: boolean;
}

/**
 * `name` when it can name a plugin: an integration name, or a package name npm accepts (a shorthand
 * is one). A name that is well formed but not installed is not a usage error; this one is.
 * @throws UsageError for path tricks (`checkPluginName`) and for names npm refuses (`-g`).
 */
export function checkedName(name: string): string {
  checkPluginName(name);
  if (PLUGIN_NAME_PATTERN.test(name)) return name;
  const { validForOldPackages, errors = [] } = validateName(name);
  if (validForOldPackages) return name;
  throw new UsageError(`${JSON.stringify(name)} is not a plugin name: ${errors.join("; ")}; give an integration (slack), a package (@acme/integrations-plugin-demo) or a shorthand (@acme/demo)`);
}

/**
 * Whether `record` answers to `name` as every `plugins` subcommand reads names: the integration
 * (`billing`), the package (`@acme/integrations-plugin-billing`) or its shorthand (`@acme/billing`).
 * @throws UsageError when `name` is not a name at all (`checkPluginName`).
 */
export function answersTo(record: Pick<PluginRecord, "integration" | "packageName">, name: string): boolean {
  return record.integration === name || record.packageName === name || record.packageName === toPackageName(name);
}

/**
 * The installed or linked package of the user plugin directory `dir` that `name` means (`answersTo`):
 * a full package name is taken as it is; otherwise the one package whose integration, package name
 * or shorthand it is. Reads package.json files only.
 *
 * @throws UsageError when `name` is not a name at all (`checkedName`), or when it is the integration of several
 *   packages there (naming them); PluginError (exit 1) when no plugin there answers to it, saying
 *   what it is when another source has it (`elsewhere`), what is installed, and the fix.
 */
export async function findInstalled(name: string, dir: string, elsewhere: () => Promise<PluginRecord[]>): Promise<InstalledPackage> {
  checkPluginName(name);
  const [installed, links] = [installedPlugins(dir), linkedPlugins(dir)];
  // A name as it stands in package.json or links.json: what reaches npm is checked there (`checkedPackageName`).
  if (Object.hasOwn(links, name)) return { packageName: name, linked: true };
  if (Object.hasOwn(installed, name)) return { packageName: name, linked: false };
  checkedName(name);
  const records = await userPlugins({ dataDir: dir });
  const matches = [
    ...new Set([
      ...records.filter((record) => answersTo(record, name)).map((record) => record.packageName),
      ...[...Object.keys(installed), ...Object.keys(links)].filter((pkg) => pkg === toPackageName(name)),
    ]),
  ];
  if (matches.length > 1) throw new UsageError(`${name} is the integration of ${matches.length} installed plugins (${matches.join(", ")}); give the package name`);
  if (matches.length === 1) return { packageName: matches[0]!, linked: Object.hasOwn(links, matches[0]!) };
  throw new PluginError(`no installed plugin named ${name} in the user plugin directory (${dir})${await whereElse(name, elsewhere)}`);
}

/** The rest of the not-installed message: what `name` is when another source offers it, else what is installed, and the fix. */
async function whereElse(name: string, elsewhere: () => Promise<PluginRecord[]>): Promise<string> {
  const found = (await elsewhere().catch(() => [])).find((record) => record.source !== "user" && answersTo(record, name));
  if (found) {
    const how: Record<PluginRecord["source"], string> = {
      builtin: "built into the CLI; it cannot be removed or updated on its own (update the CLI)",
      project: `a dependency of the project; change it there with npm (npm uninstall ${found.packageName}, npm update ${found.packageName})`,
      global: `installed globally; change it with npm (npm uninstall -g ${found.packageName}, npm update -g ${found.packageName})`,
      config: "named in the plugins: list of the CLI config; edit that list",
      cli: "given with --plugin; leave that option out",
      user: "",
    };
    return `: ${name} is ${found.packageName} (${found.dir}), ${how[found.source]}`;
  }
  return `; see integrations list for the plugins found, or install it: integrations plugins install ${name}`;
}
