import { mkdir, readdir, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import validateName from "validate-npm-package-name";
import { FileError, InputError, PLUGIN_NAME_PATTERN, RESERVED_NAMES } from "@integrations/core";
import { hostSdkVersion } from "../../discovery/compat.js";
import { toPackageName } from "../../discovery/naming.js";
import type { PluginRecord } from "../../discovery/record.js";
import { builtinPlugins } from "../../discovery/sources.js";
import { scaffoldFiles, type Scaffold } from "./new-templates.js";
import { registryUrl } from "./npmrc.js";

/** Options of `plugins new`. */
export interface NewOptions {
  cwd: string;
  /** `--scope @acme` (the `@` may be left out). */
  scope?: string;
  /** `--dir <path>`, relative to `cwd`; default `./<package name without its scope>`. */
  dir?: string;
  /** `--registry <url>`: the package's `publishConfig.registry` and the registry in `.npmrc.example`. */
  registry?: string;
}

/** What `plugins new` wrote. */
export interface NewResult {
  integration: string;
  package: string;
  /** The absolute directory of the new package. */
  dir: string;
  /** The files written, relative to `dir`. */
  files: string[];
  /** The registry given with `--registry`, which `.npmrc.example` names; undefined for the public one. */
  registry?: string;
  /** What the name means beside the built-ins (`builtinClash`): empty when nothing. */
  warnings: string[];
}

const SCOPE_PATTERN = /^@[a-z0-9][a-z0-9._-]*$/;

/**
 * Checks the name, scope and registry of a new plugin and returns what the templates need.
 *
 * @throws InputError listing every problem at once.
 */
export async function planScaffold(integration: string, options: Omit<NewOptions, "cwd" | "dir">): Promise<Scaffold> {
  const problems: string[] = [];
  if (!PLUGIN_NAME_PATTERN.test(integration)) {
    problems.push(`"${integration}" is not an integration name: use lowercase letters, digits, ".", "_" and "-", starting with a letter or digit (e.g. billing)`);
  } else if (RESERVED_NAMES.includes(integration)) {
    problems.push(`"${integration}" is a command word (integrations ${integration}) and cannot be an integration name; choose another, e.g. ${integration}-api`);
  }
  let scope: string | undefined;
  if (options.scope !== undefined) {
    scope = options.scope.startsWith("@") ? options.scope : `@${options.scope}`;
    if (!SCOPE_PATTERN.test(scope)) problems.push(`--scope "${options.scope}" is not an npm scope: use @ and lowercase letters, digits, ".", "_" and "-" (e.g. @acme)`);
  }
  let registry: string | undefined;
  if (options.registry !== undefined) {
    try {
      registry = registryUrl(options.registry);
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  if (problems.length > 0) throw new InputError(`plugins new: ${problems.join("; ")}; nothing was written`, problems);
  const packageName = toPackageName(scope ? `${scope}/${integration}` : integration);
  {
    const { validForNewPackages, errors = [], warnings = [] } = validateName(packageName);
    if (!validForNewPackages) problems.push(`${packageName} is not a package name npm accepts: ${[...errors, ...warnings].join("; ")}`);
  }
  if (problems.length > 0) throw new InputError(`plugins new: ${problems.join("; ")}; nothing was written`, problems);
  const version = await hostSdkVersion();
  const sdkRange = `^${version.split(".")[0]}.0.0`;
  return { integration, packageName, sdkRange, ...(scope ? { scope } : {}), ...(registry ? { registry } : {}) };
}

/**
 * `integrations plugins new <name>`: scaffolds a plugin package (package.json with the manifest and
 * publishConfig, src/index.ts, a test with the SDK's `runPlugin`, README, tsconfig.json, .gitignore,
 * .npmrc.example) into a new or empty directory.
 *
 * @throws InputError for a bad name, scope or registry; FileError when the directory is not empty
 *   or cannot be written. Nothing stays written on any failure.
 */
export async function newPlugin(integration: string, options: NewOptions): Promise<NewResult> {
  const scaffold = await planScaffold(integration, options);
  const dir = resolve(options.cwd, options.dir ?? scaffold.packageName.replace(/^@[^/]+\//, ""));
  const shown = relative(options.cwd, dir) || ".";
  const existing = await stat(dir).catch(() => undefined);
  if (existing && !existing.isDirectory()) throw new FileError(`${shown} exists and is not a directory; pass --dir <a new directory>`);
  const entries = existing ? await readdir(dir) : [];
  if (entries.length > 0) {
    throw new FileError(
      `${shown} is not empty (${entries.slice(0, 3).join(", ")}${entries.length > 3 ? ", …" : ""}); plugins new writes only into a new or empty directory: pass --dir <a new directory>; nothing was written`,
    );
  }
  const files = scaffoldFiles(scaffold);
  const written: string[] = [];
  try {
    await mkdir(dir, { recursive: true });
    for (const [path, content] of Object.entries(files)) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), content, { flag: "wx" });
      written.push(path);
    }
  } catch (error) {
    if (existing) await Promise.all([...written, "src"].map((path) => rm(join(dir, path), { recursive: true, force: true })));
    else await rm(dir, { recursive: true, force: true });
    throw new FileError(`cannot write ${shown}: ${(error as Error).message}; nothing was written`, [], { cause: error });
  }
  return {
    integration,
    package: scaffold.packageName,
    dir,
    files: Object.keys(files),
    ...(scaffold.registry ? { registry: scaffold.registry } : {}),
    warnings: builtinClash(scaffold, await builtinPlugins()),
  };
}

/**
 * What a new plugin's names do beside the built-ins (docs/design.md "Discovery": every other source outranks
 * them): the package name of a built-in (`plugins new slack`), or a built-in's integration under
 * another package (`plugins new slack --scope @acme`).
 */
export function builtinClash(scaffold: Pick<Scaffold, "integration" | "packageName">, builtins: readonly PluginRecord[]): string[] {
  const samePackage = builtins.find((record) => record.packageName === scaffold.packageName);
  if (samePackage) {
    return [
      `${scaffold.packageName} is the package name of the built-in ${samePackage.integration} plugin: wherever yours is installed (user plugin directory, project, global) or named (--plugin, the CLI config's plugins), it outranks the built-in, which is then shadowed and cannot be run even by its package name; and integrations plugins install ${scaffold.integration} would fetch the published built-in, not yours; pick another name, or a scope (--scope @acme)`,
    ];
  }
  const sameIntegration = builtins.find((record) => record.integration === scaffold.integration);
  if (sameIntegration) {
    return [
      `${scaffold.integration} is also a built-in integration (${sameIntegration.packageName}): wherever ${scaffold.packageName} is installed or named, it outranks the built-in, which is then listed as shadowed and runs only by its package name (integrations ${sameIntegration.packageName} …); pick another name to keep integrations ${scaffold.integration} the built-in`,
    ];
  }
  return [];
}

/** The lines `plugins new` prints: what it wrote and the commands that come next. */
export function nextSteps(result: NewResult, cwd: string): string {
  const shown = relative(cwd, result.dir) || ".";
  return [
    `created ${result.package} in ${shown}: integrations ${result.integration}`,
    "next:",
    `  cd ${shown.includes(" ") ? JSON.stringify(shown) : shown}`,
    ...(result.registry ? ["  cp .npmrc.example .npmrc         # your registry for the scope and the SDK; the token from $NPM_TOKEN"] : []),
    `  npm install                      # installs the SDK and builds (prepare)${result.registry ? "" : "; see .npmrc.example for a private registry"}`,
    "  npm test",
    `  integrations plugins link .      # then: integrations ${result.integration} --help`,
    "  npm publish",
  ].join("\n");
}
