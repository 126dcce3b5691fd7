import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { PluginError } from "@integrations/core";
import { describeDirectory } from "../../discovery/package.js";
import type { PluginRecord } from "../../discovery/record.js";
import type { Run } from "../../run/run.js";
import { npmContext, rollBack, rolledBack, validateAll, warnIfScoped } from "./install.js";
import { checkedLink } from "./manage.js";
import { findInstalled } from "./names.js";
import { failureContext, runNpm } from "./npm.js";
import { explainNpmFailure } from "./npm-errors.js";
import { readOrigins, writeOrigins } from "./origins.js";
import { npmRegistryFlag, registryFor, updatedOrigins } from "./registries.js";
import { snapshot } from "./rollback.js";
import { recordIntegrity } from "./integrity.js";
import { verifySignatures } from "./signatures.js";
import { checkedPackageName } from "./spec.js";
import { installedPlugins, linkedPlugins } from "../../discovery/user-dir.js";
import { trustPolicy } from "../../discovery/trust.js";

/** What `plugins update` did to one package. */
export interface PackageUpdate {
  packageName: string;
  /** The version before the update; null when none could be read. */
  from: string | null;
  /** The version after it. */
  to: string | null;
  /** A linked plugin: used in place, nothing fetched. */
  linked: boolean;
  /** Its integrations after the update. */
  records: PluginRecord[];
}

/** Options of `plugins update`. */
export interface UpdateOptions {
  run: Run;
  /** `--registry <url>`: the default registry to update from (recorded for the packages it chooses). */
  registry?: string;
  /** `--verify-signatures`: refuse what `npm audit signatures` does not verify (also when the CLI config's `verifySignatures` is true). */
  verifySignatures?: boolean;
}

/**
 * `plugins update [name]` (an integration, package or shorthand: `findInstalled`): updates one
 * installed plugin, or all, within its saved range, each from the registry `registryFor` chooses
 * (the one recorded at install unless `--registry`, the environment or a scope mapping says
 * otherwise), so it works from any directory. The user plugin directory is left exactly as it was
 * when npm fails or an updated plugin no longer loads.
 *
 * @returns each package with its version before and after. @throws PluginError with the reason
 *   (exit 1, also for a name not installed); UsageError for a name that is not a name.
 */
export async function updatePlugins(name: string | undefined, options: UpdateOptions): Promise<PackageUpdate[]> {
  const { run } = options;
  const context = await npmContext(run, options.registry);
  const target = name ? await findInstalled(name, context.dir, () => run.discover()) : undefined; // before anything is created
  const policy = trustPolicy(await run.cliConfig());
  if (target?.linked) {
    const records = await checkedLink(target.packageName, linkedPlugins(context.dir)[target.packageName]!, run, policy); // used in place: nothing to fetch
    const version = records[0]?.version ?? null;
    return [{ packageName: target.packageName, from: version, to: version, linked: true, records }];
  }
  // Updating all also names each linked plugin, which is used in place: nothing is fetched for it.
  const linked = target ? [] : await linkedEntries(context.dir);
  const names = (target ? [target.packageName] : Object.keys(installedPlugins(context.dir))).map((each) => checkedPackageName(each, join(context.dir, "package.json")));
  if (names.length === 0) return linked;
  const before = await Promise.all(names.map((each) => installedVersion(context.dir, each)));
  const verify = options.verifySignatures === true || (await run.cliConfig()).verifySignatures === true;
  const saved = await snapshot(context.dir);
  let npmChanged = false;
  try {
    const groups = new Map<string | undefined, string[]>();
    for (const each of names) {
      warnIfScoped(each, registryFor(each, context.settings), context, run.output);
      const registry = npmRegistryFlag(each, context.settings);
      groups.set(registry, [...(groups.get(registry) ?? []), each]);
    }
    for (const [registry, group] of groups) {
      const result = await runNpm(["update"], context, group, registry);
      if (result.code !== 0) {
        // npm undoes its own failed update: node_modules changed only if an earlier group updated.
        throw new PluginError(`npm could not update ${group.join(", ")}: ${explainNpmFailure(result, await failureContext(context, registryFor(group[0]!, context.settings)))}`);
      }
      npmChanged = true;
      if (verify) await verifySignatures(context, registry, group, registryFor(group[0]!, context.settings).url);
    }
    // Before the plugins are imported: the import checks their files against it.
    recordIntegrity(context.dir, names);
    const records = await validateAll(names, context.dir, run, policy);
    let origins = await readOrigins(context.dir);
    for (const each of names) origins = updatedOrigins(origins, each, registryFor(each, context.settings));
    await writeOrigins(context.dir, origins);
    const updated = await Promise.all(
      names.map(async (each, i) => ({
        packageName: each,
        from: before[i]!,
        to: await installedVersion(context.dir, each),
        linked: false,
        records: records.filter((record) => record.packageName === each),
      })),
    );
    return [...updated, ...linked];
  } catch (error) {
    await rollBack(context, saved, npmChanged);
    throw rolledBack(error, "update");
  }
}

/** The linked plugins as `plugins update` reports them: read in place (not imported), nothing to update. */
function linkedEntries(dir: string): Promise<PackageUpdate[]> {
  const links = Object.entries(linkedPlugins(dir)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Promise.all(
    links.map(async ([packageName, target]) => {
      const records = await describeDirectory(resolve(dir, target), "user", { name: packageName, missing: "link target missing" });
      const version = records[0]?.version ?? null;
      return { packageName, from: version, to: version, linked: true, records };
    }),
  );
}

/** The version in the installed package's package.json; null when it cannot be read. */
async function installedVersion(dir: string, packageName: string): Promise<string | null> {
  try {
    const json = JSON.parse(await readFile(join(dir, "node_modules", packageName, "package.json"), "utf8")) as { version?: unknown };
    return typeof json.version === "string" ? json.version : null;
  } catch {
    return null;
  }
}
