import { spawn } from "node:child_process";
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InternalError, PluginError } from "@integrations/core/base";
import type { FailureContext } from "./npm-errors.js";
import type { NpmResult } from "./npm-result.js";
import { readNpmrc } from "./npmrc.js";
import { proxyFor } from "./proxy.js";
import { defaultRegistryFor, npmRegistryArgs, type RegistryChoice, type RegistrySettings } from "./registries.js";

/** How to run npm for the user plugin directory. */
export interface NpmContext {
  /** The user plugin directory (`--prefix`); its own .npmrc holds the recorded registries. */
  dir: string;
  /**
   * The .npmrc files whose auth, proxy and CA settings must apply, highest precedence first: the
   * project's and the user's (npm itself ignores the working directory's .npmrc with `--prefix`).
   * They go to npm through a temporary user config file (mode 600, removed afterwards): tokens never
   * appear on a command line.
   */
  npmrcs: { path: string; text: string }[];
  /** The registry settings in effect (`registryFor`): npm is told them on its command line. */
  settings: RegistrySettings;
}

/**
 * Environment for npm: the user's, npm's own settings included in either case (`npm_config_*`,
 * `NPM_CONFIG_*`: npm reads both, and so do we for the registries). Left out: the variables a package
 * manager's script runner sets to describe its own run (`npm_lifecycle_*`, `npm_package_*`,
 * `npm_execpath`, `npm_node_execpath`, `npm_command`), which are not settings.
 */
function npmEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_(lifecycle_|package_|execpath$|node_execpath$|command$)/.test(key)));
}

/**
 * Runs the user's own `npm` with `args` (the command and this code's own options) against the user
 * plugin directory: `--prefix <dir>`, lifecycle scripts off, no audit or fund noise, errors as JSON,
 * the user's and project's .npmrc through a temporary user config, every scope mapping in effect and
 * `--registry=<registry>` (when given) on its command line. `specs` (package specs and names,
 * validated by `parseInstallSpec` or `checkedPackageName`) come last, after `--`, so that npm never
 * reads one as an option. Never throws for npm's own failures: the caller reads the result
 * (`explainNpmFailure`).
 *
 * @throws PluginError when npm cannot be started at all (not installed); InternalError when a spec
 *   begins with `-` (a spec that bypassed validation: a bug, refused rather than passed on).
 */
export async function runNpm(args: readonly string[], context: NpmContext, specs: readonly string[] = [], registry?: string): Promise<NpmResult> {
  const option = specs.find((spec) => spec.startsWith("-"));
  if (option !== undefined) throw new InternalError(`refusing to pass "${option}" to npm as a package spec`);
  const temp = await mkdtemp(join(tmpdir(), "integrations-npm-"));
  const userconfig = join(temp, "npmrc");
  await writeFile(
    userconfig,
    context.npmrcs
      .map((file) => file.text)
      .reverse()
      .join("\n"),
    { mode: 0o600 },
  );
  await chmod(userconfig, 0o600);
  const full = [
    ...args,
    "--prefix",
    context.dir,
    "--userconfig",
    userconfig,
    "--ignore-scripts",
    "--no-audit",
    "--no-fund",
    "--no-update-notifier",
    "--json",
    // package-lock.json pins each package's version and integrity, whatever the user's .npmrc says.
    "--package-lock",
    // A plugin installed from a directory stays a copy through later updates and uninstalls.
    "--install-links",
    // One quick retry: a registry that refuses the connection will not answer a minute later either.
    "--fetch-retries=1",
    "--fetch-retry-mintimeout=1000",
    "--fetch-retry-maxtimeout=5000",
    ...npmRegistryArgs(context.settings, registry),
    ...(specs.length > 0 ? ["--", ...specs] : []),
  ];
  try {
    return await new Promise<NpmResult>((resolve, reject) => {
      const child = spawn("npm", full, { cwd: temp, env: npmEnv(), stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      child.on("error", (error) => reject(new PluginError(`cannot run npm: ${error.message}; install Node.js with npm`)));
      child.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr }));
    });
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

/**
 * What a failed npm run is explained against (`explainNpmFailure`): the registry `choice` (else the
 * default registry in effect) and the proxy npm goes through to it, by the same settings npm read.
 */
export async function failureContext(context: NpmContext, choice?: Pick<RegistryChoice, "url" | "from">): Promise<FailureContext> {
  const registry = choice ?? defaultRegistryFor(undefined, context.settings);
  const global = { path: context.settings.global.from, text: await readNpmrc(context.settings.global.from) };
  const proxy = proxyFor(registry.url, [...context.npmrcs, global]);
  return { registry: { url: registry.url, from: registry.from }, ...(proxy ? { proxy } : {}) };
}
