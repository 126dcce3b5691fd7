import { readdir, readFile, realpath, rmdir, stat, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { PluginError, UsageError } from "@integrations/core";
import { describeDirectory } from "../../discovery/package.js";
import { loadDeclarations, type PluginLoading } from "../../discovery/load.js";
import type { Run } from "../../run/run.js";
import type { PluginRecord } from "../../discovery/record.js";
import { npmContext } from "./install.js";
import { findInstalled } from "./names.js";
import { recordIntegrity } from "./integrity.js";
import { failureContext, runNpm } from "./npm.js";
import { explainNpmFailure } from "./npm-errors.js";
import { readOrigins, writeOrigins } from "./origins.js";
import { assertInstallable, type PackageFacts } from "./precheck.js";
import { npmRegistryFlag, registryFor } from "./registries.js";
import { checkedPackageName } from "./spec.js";
import { ensurePluginDir } from "./state.js";
import { linkedPlugins } from "../../discovery/user-dir.js";
import { trustPolicy, type TrustPolicy } from "../../discovery/trust.js";
import { asChecked, forgetTrusted, recordTrusted, trusting } from "./trust-file.js";

async function writeLinks(dir: string, links: Record<string, string>): Promise<void> {
  await writeFile(join(dir, "links.json"), `${JSON.stringify({ links }, null, 2)}\n`);
}

/**
 * `plugins uninstall <name>` (an integration, package or shorthand: `findInstalled`): removes an
 * installed plugin with the user's npm, asking the registries it was installed from, and forgets
 * that record; or forgets a linked one (its directory is left alone). Either way it leaves trust.json
 * (installed again without `--trust`, it runs sandboxed).
 *
 * @returns the package name, and the directory of a linked one (left as it is). @throws PluginError
 *   when it is not installed (exit 1) or npm fails; UsageError when the name is not a name, or is ambiguous.
 */
export async function uninstallPlugin(name: string, run: Run): Promise<{ packageName: string; linkedDir?: string }> {
  const context = await npmContext(run);
  const { packageName, linked } = await findInstalled(name, context.dir, () => run.discover());
  if (linked) {
    const links = linkedPlugins(context.dir);
    const linkedDir = links[packageName]!;
    delete links[packageName];
    await writeLinks(context.dir, links);
    await forgetTrusted(context.dir, packageName);
    return { packageName, linkedDir };
  }
  const checked = checkedPackageName(packageName, join(context.dir, "package.json"));
  const result = await runNpm(["uninstall"], context, [checked], npmRegistryFlag(checked, context.settings));
  if (result.code !== 0) throw new PluginError(`npm could not uninstall ${packageName}: ${explainNpmFailure(result, await failureContext(context, registryFor(checked, context.settings)))}`);
  const { [packageName]: _gone, ...origins } = await readOrigins(context.dir);
  await writeOrigins(context.dir, origins);
  await forgetTrusted(context.dir, packageName);
  recordIntegrity(context.dir, []);
  await removeEmptyScopes(join(context.dir, "node_modules"));
  return { packageName };
}

/** Removes the `@scope` directories npm leaves empty in `nodeModules` when it removes their last package. */
async function removeEmptyScopes(nodeModules: string): Promise<void> {
  const entries = await readdir(nodeModules).catch(() => [] as string[]);
  // rmdir removes only an empty directory: a scope that still holds a package stays.
  await Promise.all(entries.filter((entry) => entry.startsWith("@")).map((scope) => rmdir(join(nodeModules, scope)).catch(() => undefined)));
}

/**
 * `plugins link <dir>`: uses a built plugin directory in place (a rebuild is seen on the next run).
 * The directory must hold a valid, compatible plugin; it is recorded in links.json, out of npm's sight.
 * With `trust` (`--trust`) it is recorded in trust.json too: it runs in process.
 *
 * @returns the records of its integrations, `runs` as they will run. @throws PluginError when it is not a loadable plugin.
 */
export async function linkPlugin(path: string, run: Run, trust = false): Promise<PluginRecord[]> {
  const context = await npmContext(run);
  const dir = await realpath(resolve(run.cwd, path)).catch(() => undefined);
  if (!dir || !(await stat(dir)).isDirectory()) throw new UsageError(`${path} is not a directory; pass a built plugin package directory`);
  const json = JSON.parse(await readFile(join(dir, "package.json"), "utf8").catch(() => "{}")) as PackageFacts;
  if (!json.name) throw new PluginError(`${dir} has no package.json with a name; it is not a plugin package`);
  await assertInstallable(json);
  const policy = trustPolicy(await run.cliConfig());
  const records = await checkedLink(json.name, dir, run, trust ? trusting(policy, [json.name]) : policy);
  await ensurePluginDir(context.dir);
  await writeLinks(context.dir, { ...linkedPlugins(context.dir), [json.name]: dir });
  if (trust) await recordTrusted(context.dir, [json.name]);
  return records;
}

/** Describes and loads a linked plugin directory as discovery will (in process or sandboxed, as `policy` runs it). @throws PluginError when it is not ok. */
export async function checkedLink(packageName: string, dir: string, run: PluginLoading, policy: TrustPolicy): Promise<PluginRecord[]> {
  const records = (await describeDirectory(dir, "user", { name: packageName, missing: "link target missing" })).map((record) => asChecked(record, policy));
  for (const record of records) {
    if (record.status !== "ok") throw new PluginError(`${packageName} is ${record.status}: ${record.cause}`);
    await loadDeclarations(record, run);
  }
  return records;
}
