import { homedir } from "node:os";
import { join } from "node:path";
import type { CliConfig } from "../cli-config/settings.js";
import { textOrUndefined } from "./quiet-fs.js";

/**
 * The user plugin directory that `integrations plugins …` manages (docs/design.md "Discovery" source 4), from in
 * order: `$INTEGRATIONS_DATA_DIR`, the CLI config's `dataDir`, `$XDG_DATA_HOME/integrations`,
 * `~/.local/share/integrations`.
 *
 * Its layout: `package.json` (the installed plugins are its `dependencies`) and `node_modules/`, as
 * npm leaves them with `npm install --prefix <dir>`; `.npmrc` (the scope → registry mappings in
 * effect at install, never tokens); `registries.json` (the registry of each package that a passing
 * setting chose: `origins.ts`); `links.json` (`{ "links": { "<package>": "<absolute dir>" } }`,
 * the plugins used in place by `plugins link`, kept out of npm's sight so that a deleted link target
 * never breaks an install); `trust.json` (`{ "trusted": ["<package>", …] }`, the plugins installed or
 * linked with `--trust`, which run in process: docs/design.md "Trust").
 */
export function userPluginDir(config: Pick<CliConfig, "dataDir"> = {}): string {
  const fromEnv = process.env.INTEGRATIONS_DATA_DIR;
  if (fromEnv) return fromEnv;
  if (config.dataDir) return config.dataDir;
  const xdg = process.env.XDG_DATA_HOME;
  return join(xdg || join(homedir(), ".local", "share"), "integrations");
}

/** The plugins installed into the user directory: its package.json `dependencies` (name → spec). */
export function installedPlugins(dir: string): Record<string, string> {
  return (readJsonOrEmpty(join(dir, "package.json")) as { dependencies?: Record<string, string> }).dependencies ?? {};
}

/** The plugins linked into the user directory: package name → absolute directory. */
export function linkedPlugins(dir: string): Record<string, string> {
  return (readJsonOrEmpty(join(dir, "links.json")) as { links?: Record<string, string> }).links ?? {};
}

/** The file of the user plugin directory that lists the packages installed or linked with `--trust`. */
export const TRUST_FILE = "trust.json";

/** The packages of the user plugin directory trusted to run in process (trust.json's `trusted`; entries that are not strings are ignored). */
export function trustedPlugins(dir: string): string[] {
  const trusted = (readJsonOrEmpty(join(dir, TRUST_FILE)) as { trusted?: unknown } | null)?.trusted;
  return Array.isArray(trusted) ? trusted.filter((name): name is string => typeof name === "string") : [];
}

/** The JSON in `file`, or `{}` when it is missing or unreadable. Synchronous: read on every run, before any plugin. */
function readJsonOrEmpty(file: string): unknown {
  try {
    return JSON.parse(textOrUndefined(file) ?? "{}") as unknown;
  } catch {
    return {};
  }
}
