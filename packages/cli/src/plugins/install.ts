import { PluginError } from "@integrations/core";
import { projectRoot } from "../discovery/sources.js";
import { cliConfig } from "../settings.js";
import { npmReason, runNpm, type NpmContext } from "./npm.js";
import { readNpmrc, recordRegistries, registriesIn, registryUrl, userNpmrcPath } from "./npmrc.js";
import { assertInstallable, packageFacts } from "./precheck.js";
import { parseInstallSpec } from "./spec.js";
import { changedDependencies, ensurePluginDir, restore, snapshot, validateInstalled, type Snapshot } from "./state.js";
import { userPluginDir } from "./user-dir.js";
import type { PluginRecord } from "../discovery/record.js";
import { join } from "node:path";

/** Options of `plugins install`. */
export interface InstallOptions {
  cwd: string;
  /** `--registry <url>` (an http(s) URL, else a usage error). */
  registry?: string;
}

/**
 * The npm context for the user plugin directory from `cwd`: the user's .npmrc and the project's
 * (the nearest package.json's directory, else `cwd`), whose scope mappings and auth must apply.
 */
export async function npmContext(cwd: string, registry?: string): Promise<NpmContext> {
  const dir = userPluginDir(await cliConfig(cwd));
  const project = (await projectRoot(cwd)) ?? cwd;
  const texts = [await readNpmrc(userNpmrcPath()), ...(project === dir ? [] : [await readNpmrc(join(project, ".npmrc"))])];
  return { dir, npmrcTexts: texts, ...(registry ? { registry } : {}) };
}

/**
 * `integrations plugins install <spec…>` (DESIGN.md §6): reads each package's manifest first and
 * refuses an incompatible one before npm changes anything; records the registries in effect in the
 * plugin directory's .npmrc; runs the user's npm into the user plugin directory with lifecycle
 * scripts off (npm 11 installs the peer SDK with it); then loads every installed plugin and rolls
 * the whole install back when one is not a valid, compatible plugin.
 *
 * @returns the records of the installed integrations. @throws PluginError with the reason; nothing stays installed then.
 */
export async function installPlugins(specs: readonly string[], options: InstallOptions): Promise<PluginRecord[]> {
  // Every argument is checked before anything is read or created: none may reach npm as an option.
  const parsed = specs.map((raw) => parseInstallSpec(raw, options.cwd));
  const context = await npmContext(options.cwd, options.registry === undefined ? undefined : registryUrl(options.registry));
  // The registries in effect: those recorded at earlier installs, overridden by the current .npmrc files.
  const recorded = registriesIn(await readNpmrc(join(context.dir, ".npmrc")));
  const current = registriesIn(...context.npmrcTexts);
  const registries = { ...recorded, ...current, scopes: { ...recorded.scopes, ...current.scopes } };
  for (const spec of parsed) {
    const facts = await packageFacts(spec, context, registries);
    if (facts) await assertInstallable(facts);
  }
  await ensurePluginDir(context.dir);
  const saved = await snapshot(context.dir);
  await recordRegistries(context.dir, registries);
  const result = await runNpm(["install", "--save"], context, parsed.map((spec) => spec.npm));
  if (result.code !== 0) {
    await restore(context.dir, saved);
    throw new PluginError(`npm could not install ${specs.join(" ")}: ${npmReason(result)}`);
  }
  const after = await snapshot(context.dir);
  const named = parsed.flatMap((spec) => (spec.kind === "registry" ? [spec.name] : []));
  const names = [...new Set([...named, ...changedDependencies(saved["package.json"], after["package.json"])])];
  return validateOrRollBack(names, context, saved, "install");
}

/**
 * Loads every integration of the packages an install or update touched; when one is not a valid,
 * compatible plugin, puts the user plugin directory back as it was (package.json and lockfile
 * restored, then npm makes node_modules match).
 *
 * @throws PluginError with the reason and "rolled back".
 */
export async function validateOrRollBack(names: readonly string[], context: NpmContext, saved: Snapshot, what: "install" | "update"): Promise<PluginRecord[]> {
  try {
    const records: PluginRecord[] = [];
    for (const name of names) records.push(...(await validateInstalled(name, context.dir)));
    return records;
  } catch (error) {
    await restore(context.dir, saved);
    await runNpm(["install"], context);
    throw new PluginError(`${(error as Error).message}; the ${what} was rolled back`, [], { cause: error });
  }
}
