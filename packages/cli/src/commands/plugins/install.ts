import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { errorText, PluginError } from "@integrations/core";
import { projectRoot } from "../../discovery/sources.js";
import type { PluginRecord } from "../../discovery/record.js";
import type { PluginLoading } from "../../discovery/load.js";
import type { Output } from "../../output/output.js";
import type { Run } from "../../run/run.js";
import { failureContext, runNpm, type NpmContext } from "./npm.js";
import { explainNpmFailure } from "./npm-errors.js";
import { readNpmrc, recordRegistries, registriesIn, registryUrl, userNpmrcPath } from "./npmrc.js";
import { readOrigins, writeOrigins } from "./origins.js";
import { assertInstallable, packageFacts } from "./precheck.js";
import { clearForReinstall, recordIntegrity } from "./integrity.js";
import { verifySignatures } from "./signatures.js";
import { defaultRegistryFor, loadRegistrySettings, npmRegistryFlag, registryFor, scopeMappings, updatedOrigins, type RegistryChoice } from "./registries.js";
import { finishRollback, prepare, restoreFiles, snapshot, type Snapshot } from "./rollback.js";
import { parseInstallSpec, type InstallSpec } from "./spec.js";
import { changedDependencies, ensurePluginDir, validateInstalled } from "./state.js";
import { userPluginDir } from "../../discovery/user-dir.js";
import { trustPolicy, type TrustPolicy } from "../../discovery/trust.js";
import { recordTrusted, trusting } from "./trust-file.js";

/** Options of `plugins install`. */
export interface InstallOptions {
  run: Run;
  /** `--registry <url>` (an http(s) URL, else a usage error). */
  registry?: string;
  /** `--trust`: the installed packages run in process (recorded in the user plugin directory's trust.json). @default false */
  trust?: boolean;
  /** `--verify-signatures`: refuse what `npm audit signatures` does not verify (also when the CLI config's `verifySignatures` is true). */
  verifySignatures?: boolean;
}

/**
 * The npm context for the user plugin directory from the run's working directory (`cwd`): the user's .npmrc and the project's
 * (the nearest package.json's directory, else `cwd`), whose scope mappings and auth must apply, and
 * every registry setting in effect (`loadRegistrySettings`), with `--registry` when given.
 *
 * @throws UsageError when `registry` is not an http(s) URL.
 */
export async function npmContext(run: Run, registry?: string): Promise<NpmContext> {
  const { cwd } = run;
  const flag = registry === undefined ? undefined : registryUrl(registry);
  const dir = userPluginDir(await run.cliConfig());
  const projectDir = projectRoot(cwd) ?? cwd;
  const userPath = userNpmrcPath();
  const user = { path: userPath, text: await readNpmrc(userPath) };
  const project = projectDir === dir ? undefined : { path: join(projectDir, ".npmrc"), text: await readNpmrc(join(projectDir, ".npmrc")) };
  const settings = await loadRegistrySettings({ dir, user, ...(project ? { project } : {}) }, flag);
  return { dir, npmrcs: project ? [project, user] : [user], settings };
}

/**
 * `integrations plugins install <spec…>` (docs/design.md "Plugin management"): reads each package's manifest first, from
 * the registry npm will use for it (`registryFor`), and refuses an incompatible one before npm
 * changes anything; records the scope mappings in effect in the plugin directory's .npmrc; runs the
 * user's npm into the user plugin directory with lifecycle scripts off (npm 11 installs the peer SDK
 * with it); with `verifySignatures`, has npm check their registry signatures; records what was
 * installed in integrity.json (integrity.ts); then loads every installed plugin. On any failure the plugin directory is left exactly
 * as it was. The registry of a package chosen by a passing setting (`--registry`, the environment,
 * the project's .npmrc) is recorded for it, so that `update` and `uninstall` use it from anywhere.
 * With `trust`, the installed packages are recorded in trust.json: they run in process; without it,
 * a plugin the CLI config does not trust runs sandboxed (docs/design.md "Trust"), and is checked so.
 *
 * @returns the records of the installed integrations, `runs` as they will run. @throws PluginError with the reason; nothing stays installed then.
 */
export async function installPlugins(specs: readonly string[], options: InstallOptions): Promise<PluginRecord[]> {
  // Every argument is checked before anything is read or created: none may reach npm as an option.
  const parsed = specs.map((raw) => parseInstallSpec(raw, options.run.cwd));
  const context = await npmContext(options.run, options.registry);
  const choices = new Map<string, RegistryChoice>();
  // The packages asked for by name, and those of local directories and tarballs (read from their
  // package.json): reported and, with --trust, trusted even when they were installed already.
  const named: string[] = [];
  for (const spec of parsed) {
    const choice = spec.kind === "registry" ? registryFor(spec.name, context.settings) : undefined;
    if (spec.kind === "registry" && choice) {
      choices.set(spec.name, choice);
      warnIfScoped(spec.name, choice, context, options.run.output);
    }
    const facts = await packageFacts(spec, context, choice);
    if (facts) await assertInstallable(facts);
    if (spec.kind === "registry") named.push(spec.name);
    else if (facts && spec.kind !== "git") named.push(facts.name);
  }
  const saved = await snapshot(context.dir);
  await prepare(saved);
  let npmChanged = false;
  const verify = options.verifySignatures === true || (await options.run.cliConfig()).verifySignatures === true;
  try {
    await ensurePluginDir(context.dir);
    // A plugin installed again gets fresh files: npm keeps a package whose directory is there, changed or not.
    if (clearForReinstall(context.dir, named)) npmChanged = true;
    const recorded = registriesIn(await readNpmrc(join(context.dir, ".npmrc")));
    await recordRegistries(context.dir, { ...recorded, scopes: scopeMappings(context.settings, { recordable: true }) });
    for (const [registry, group] of groupByRegistry(parsed, context)) {
      const result = await runNpm(
        ["install", "--save"],
        context,
        group.map((spec) => spec.npm),
        registry,
      );
      if (result.code !== 0) {
        // npm undoes its own failed install: node_modules changed only if an earlier group installed.
        const choice = group.map((spec) => (spec.kind === "registry" ? choices.get(spec.name) : undefined)).find(Boolean);
        throw new PluginError(`npm could not install ${group.map((spec) => spec.raw).join(" ")}: ${explainNpmFailure(result, await failureContext(context, choice))}`);
      }
      npmChanged = true;
      if (verify) {
        const choice = group.map((spec) => (spec.kind === "registry" ? choices.get(spec.name) : undefined)).find(Boolean) ?? defaultRegistryFor(undefined, context.settings);
        await verifySignatures(
          context,
          registry,
          group.map((spec) => spec.raw),
          choice.url,
        );
      }
    }
    const after = await readFile(join(context.dir, "package.json"), "utf8").catch(() => undefined);
    const names = [...new Set([...named, ...changedDependencies(saved.files["package.json"], after)])];
    // Before the plugins are imported: the import checks their files against it.
    recordIntegrity(context.dir, names);
    const policy = trustPolicy(await options.run.cliConfig());
    const records = await validateAll(names, context.dir, options.run, options.trust ? trusting(policy, names) : policy);
    if (options.trust) await recordTrusted(context.dir, [...new Set(records.map((r) => r.packageName))]);
    let origins = await readOrigins(context.dir);
    for (const [name, choice] of choices) origins = updatedOrigins(origins, name, choice);
    await writeOrigins(context.dir, origins);
    return records;
  } catch (error) {
    await rollBack(context, saved, npmChanged);
    throw rolledBack(error, "install");
  }
}

/** Says when `--registry` does not decide for a package because its scope's registry does (npm's rule). */
export function warnIfScoped(packageName: string, choice: RegistryChoice, context: NpmContext, output: Output): void {
  if (context.settings.flag && choice.scope)
    output.warn(`--registry does not apply to ${packageName}: the ${choice.scope} scope's registry is ${choice.url} (${choice.from}), which npm uses for every ${choice.scope} package`);
}

/** The specs in groups that npm installs with one `--registry` (a package's default registry may be the one recorded for it). */
function groupByRegistry(specs: readonly InstallSpec[], context: NpmContext): Map<string | undefined, InstallSpec[]> {
  const groups = new Map<string | undefined, InstallSpec[]>();
  for (const spec of specs) {
    const registry = npmRegistryFlag(spec.kind === "registry" ? spec.name : undefined, context.settings);
    groups.set(registry, [...(groups.get(registry) ?? []), spec]);
  }
  return groups;
}

/** Loads every integration of the packages an install or update touched. @throws the first package's reason when one is not a valid, compatible plugin. */
export async function validateAll(names: readonly string[], dir: string, run: PluginLoading, policy: TrustPolicy): Promise<PluginRecord[]> {
  const records: PluginRecord[] = [];
  for (const name of names) records.push(...(await validateInstalled(name, dir, run, policy)));
  return records;
}

/**
 * Puts the user plugin directory back as `saved` found it, byte for byte: the files first, then
 * (when npm may have changed node_modules) npm makes node_modules match them, then whatever is
 * left over goes (`finishRollback`).
 */
export async function rollBack(context: NpmContext, saved: Snapshot, npmChanged: boolean): Promise<void> {
  if (saved.existed) {
    await restoreFiles(saved);
    if (npmChanged) await runNpm(["install"], context);
  }
  await finishRollback(saved);
}

/** The error of a failed install or update, saying that it was rolled back (npm's own failures say "npm could not …" already). */
export function rolledBack(error: unknown, what: "install" | "update"): unknown {
  if (error instanceof PluginError && error.message.startsWith("npm could not "))
    return new PluginError(`${error.message}; nothing was ${what === "install" ? "installed" : "updated"}`, [], { cause: error });
  return new PluginError(`${errorText(error)}; the ${what} was rolled back`, [], { cause: error });
}
