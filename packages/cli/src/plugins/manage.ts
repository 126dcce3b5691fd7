import { readFile, realpath, stat, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { PluginError, UsageError } from "@integrations/core";
import { toPackageName } from "../discovery/naming.js";
import { describeDirectory } from "../discovery/package.js";
import { loadPlugin } from "../discovery/load.js";
import type { PluginRecord } from "../discovery/record.js";
import { npmContext, validateOrRollBack } from "./install.js";
import { assertInstallable, type PackageFacts } from "./precheck.js";
import { npmReason, runNpm } from "./npm.js";
import { readNpmrc } from "./npmrc.js";
import { checkedPackageName } from "./spec.js";
import { ensurePluginDir, snapshot } from "./state.js";
import { installedPlugins, linkedPlugins } from "./user-dir.js";

/** The package a name given to `uninstall`/`update` means: an installed or linked package, by full name or shorthand. */
async function installedName(name: string, dir: string): Promise<{ packageName: string; linked: boolean }> {
  const [installed, links] = await Promise.all([installedPlugins(dir), linkedPlugins(dir)]);
  for (const candidate of [name, toPackageName(name)]) {
    if (Object.hasOwn(links, candidate)) return { packageName: candidate, linked: true };
    if (Object.hasOwn(installed, candidate)) return { packageName: candidate, linked: false };
  }
  const known = [...Object.keys(installed), ...Object.keys(links)];
  throw new UsageError(`${name} is not installed in ${dir}${known.length ? `; installed: ${known.join(", ")}` : ""} (see integrations list)`);
}

async function writeLinks(dir: string, links: Record<string, string>): Promise<void> {
  await writeFile(join(dir, "links.json"), `${JSON.stringify({ links }, null, 2)}\n`);
}

/**
 * `plugins uninstall <name>`: removes an installed plugin with the user's npm (the directory's
 * recorded registries apply), or forgets a linked one (its directory is left alone).
 *
 * @returns the package name. @throws UsageError when it is not installed; PluginError when npm fails.
 */
export async function uninstallPlugin(name: string, cwd: string): Promise<string> {
  const context = await npmContext(cwd);
  const { packageName, linked } = await installedName(name, context.dir);
  if (linked) {
    const links = await linkedPlugins(context.dir);
    delete links[packageName];
    await writeLinks(context.dir, links);
    return packageName;
  }
  const result = await runNpm(["uninstall"], { ...context, npmrcTexts: [await readNpmrc(join(context.dir, ".npmrc")), ...context.npmrcTexts] }, [checkedPackageName(packageName, join(context.dir, "package.json"))]);
  if (result.code !== 0) throw new PluginError(`npm could not uninstall ${packageName}: ${npmReason(result)}`);
  return packageName;
}

/**
 * `plugins update [name]`: updates one installed plugin (or all) within its saved range, from the
 * registries recorded at install, so it works from any directory. Rolls back when an updated
 * plugin no longer loads.
 *
 * @returns the records after the update. @throws PluginError with the reason.
 */
export async function updatePlugins(name: string | undefined, cwd: string): Promise<PluginRecord[]> {
  const context = await npmContext(cwd);
  const target = name ? await installedName(name, context.dir) : undefined; // a bad name is refused before anything is created
  await ensurePluginDir(context.dir);
  if (target?.linked) return checkedLink(target.packageName, (await linkedPlugins(context.dir))[target.packageName]!); // used in place: nothing to fetch
  const names = (target ? [target.packageName] : Object.keys(await installedPlugins(context.dir))).map((each) => checkedPackageName(each, join(context.dir, "package.json")));
  if (names.length === 0) return [];
  const saved = await snapshot(context.dir);
  const result = await runNpm(["update"], context, names);
  if (result.code !== 0) throw new PluginError(`npm could not update ${names.join(", ")}: ${npmReason(result)}`);
  return validateOrRollBack(names, context, saved, "update");
}

/**
 * `plugins link <dir>`: uses a built plugin directory in place (a rebuild is seen on the next run).
 * The directory must hold a valid, compatible plugin; it is recorded in links.json, out of npm's sight.
 *
 * @returns the records of its integrations. @throws PluginError when it is not a loadable plugin.
 */
export async function linkPlugin(path: string, cwd: string): Promise<PluginRecord[]> {
  const context = await npmContext(cwd);
  const dir = await realpath(resolve(cwd, path)).catch(() => undefined);
  if (!dir || !(await stat(dir)).isDirectory()) throw new UsageError(`${path} is not a directory; pass a built plugin package directory`);
  const json = JSON.parse(await readFile(join(dir, "package.json"), "utf8").catch(() => "{}")) as PackageFacts;
  if (!json.name) throw new PluginError(`${dir} has no package.json with a name; it is not a plugin package`);
  await assertInstallable(json);
  const records = await checkedLink(json.name, dir);
  await ensurePluginDir(context.dir);
  await writeLinks(context.dir, { ...(await linkedPlugins(context.dir)), [json.name]: dir });
  return records;
}

/** Describes and loads a linked plugin directory as discovery will. @throws PluginError when it is not ok. */
async function checkedLink(packageName: string, dir: string): Promise<PluginRecord[]> {
  const records = await describeDirectory(dir, "user", { name: packageName, missing: "link target missing" });
  for (const record of records) {
    if (record.status !== "ok") throw new PluginError(`${packageName} is ${record.status}: ${record.cause}`);
    await loadPlugin(record);
  }
  return records;
}
