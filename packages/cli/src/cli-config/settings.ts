import { dirname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { ConfigError } from "@integrations/core/base";

/** The CLI's own config file names (cosmiconfig, module name `integrations`; no `.ts`: loading one needs TypeScript's JS API, which TypeScript 7 no longer has). */
export const SEARCH_PLACES = [
  "package.json",
  ".integrationsrc",
  ".integrationsrc.json",
  ".integrationsrc.yaml",
  ".integrationsrc.yml",
  "integrations.config.js",
  "integrations.config.mjs",
  "integrations.config.cjs",
];

/** The CLI's own config (`.integrationsrc.yaml`, `package.json#integrations`, …), paths made absolute. */
export interface CliConfig {
  /** The config.yaml to edit (written relative to the CLI config file's directory). */
  file?: string;
  /** Plugins to load explicitly (docs/design.md "Discovery" source 2): package names, or paths made absolute. */
  plugins?: string[];
  /** Scan the project and the global installs for plugins (sources 3 and 5). @default true */
  autoDiscover?: boolean;
  /** The user plugin directory, overriding $XDG_DATA_HOME/integrations. */
  dataDir?: string;
  /** Third-party plugins that run in process (docs/design.md "Trust"): package names (`integrations-plugin-demo`, `@acme/integrations-plugin-x`) and whole scopes (`@acme/*`). */
  trust?: string[];
  /** What untrusted third-party plugins do: run in the sandbox, or not at all. @default "sandbox" */
  untrusted?: UntrustedMode;
  /** `plugins install` and `plugins update` run `npm audit signatures` and refuse what fails, as with `--verify-signatures`. @default false */
  verifySignatures?: boolean;
  /** Where the CLI config was found. */
  path?: string;
}

/** The values of the CLI config's `untrusted`: what a third-party plugin that is not trusted does. */
export const UNTRUSTED_MODES = ["sandbox", "off"] as const;
export type UntrustedMode = (typeof UNTRUSTED_MODES)[number];

/** What reading the CLI config needs from the run: its importer (for a JavaScript config) and its warnings. */
export interface CliConfigIo {
  importModule(specifier: string): Promise<unknown>;
  warn(message: string): void;
}

/**
 * Finds the CLI's own config from `cwd` upwards to the project root (cosmiconfig, search strategy
 * `project`). Imported lazily: only commands that need it pay for cosmiconfig. A `package.json` that
 * is not valid JSON is not ours to judge: it is skipped with a warning.
 *
 * @throws ConfigError when an integrations config file (`.integrationsrc.yaml`, …) cannot be read,
 *   with the parser's reason, or when a setting is not what it must be (an unknown key, a `file` that
 *   is not a string, a `trust` entry that is neither a package name nor `@scope/*`, …).
 */
export async function loadCliConfig(cwd: string, run: CliConfigIo): Promise<CliConfig> {
  const { cosmiconfigSync } = await import("./cosmiconfig-lazy.js");
  let found: { config: unknown; filepath: string; isEmpty?: boolean } | null;
  try {
    // The synchronous explorer: a search probes ~10 names in every directory up to the project root,
    // and one thread-pool round trip each would cost more than the probing. JavaScript configs are
    // imported afterwards (importing is asynchronous).
    found = cosmiconfigSync("integrations", { searchStrategy: "project", searchPlaces: SEARCH_PLACES, loaders: JS_LOADERS }).search(cwd);
    if (found && isDeferredImport(found.config)) found = { ...found, config: await importJsConfig(found.config.importLater, run) };
  } catch (error) {
    const reason = (error as Error).message
      .split("\n")
      .filter((line) => line.trim() !== "" && !/^\s*(>?\s*\d*\s*\||[-^\s]+$)/.test(line)) // drop the code frame
      .map((line) => line.trim())
      .join(" ");
    if (/package\.json/.test(reason)) {
      run.warn(`${reason}; the integrations settings in package.json are ignored`);
      return {};
    }
    throw new ConfigError(`the integrations config cannot be read: ${reason}; fix it or pass -file`);
  }
  if (!found || found.isEmpty || found.config === undefined || found.config === null) return {};
  const config = readCliConfig(found.config, found.filepath);
  // Checked by a module of its own, imported only when there is a list to check: most configs have none.
  if (config.trust && config.trust.length > 0) (await import("./trust-entries.js")).checkTrustEntries(config.trust, found.filepath);
  return config;
}

/** What the synchronous search returns for `integrations.config.{js,mjs,cjs}`: the file to import once it is found. */
interface DeferredImport {
  importLater: string;
}

function isDeferredImport(value: unknown): value is DeferredImport {
  return value !== null && typeof value === "object" && typeof (value as Partial<DeferredImport>).importLater === "string";
}

/** `integrations.config.{js,mjs,cjs}`: their default export, imported through the runtime's `importModule` (which also works in the start-up snapshot). */
async function importJsConfig(filepath: string, run: CliConfigIo): Promise<unknown> {
  const namespace = (await run.importModule(pathToFileURL(filepath).href)) as { default?: unknown };
  return namespace.default;
}

const deferImport = (filepath: string): DeferredImport => ({ importLater: filepath });
const JS_LOADERS = { ".js": deferImport, ".mjs": deferImport, ".cjs": deferImport };

/** A path as written in the CLI config (relative to its directory) or a package name, for `plugins`. */
function pluginEntry(entry: string, base: string): string {
  return /^(\.{1,2}\/|\/|file:)/.test(entry) ? resolve(base, entry.replace(/^file:/, "")) : entry;
}

/** Checks the CLI config's fields; unknown keys are an error so that a typo (`fiel:`) is not silently ignored. */
function readCliConfig(config: unknown, filepath: string): CliConfig {
  const where = (key: string) => `${filepath}: "${key}"`;
  if (!config || typeof config !== "object" || Array.isArray(config)) throw new ConfigError(`${filepath}: must be a mapping of settings`);
  const raw = config as Record<string, unknown>;
  const known = ["file", "plugins", "autoDiscover", "dataDir", "trust", "untrusted", "verifySignatures"];
  const unknown = Object.keys(raw).filter((key) => !known.includes(key));
  if (unknown.length > 0) throw new ConfigError(`${filepath}: unknown setting ${unknown.map((k) => `"${k}"`).join(", ")}; known: ${known.join(", ")}`);
  const base = dirname(filepath);
  const result: CliConfig = { path: filepath };
  if (raw.file !== undefined) {
    if (typeof raw.file !== "string") throw new ConfigError(`${where("file")} must be a path such as config.yaml`);
    result.file = resolve(base, raw.file);
  }
  if (raw.plugins !== undefined) {
    if (!Array.isArray(raw.plugins) || !raw.plugins.every((p) => typeof p === "string")) {
      throw new ConfigError(`${where("plugins")} must be a list of package names or paths`);
    }
    result.plugins = raw.plugins.map((entry: string) => pluginEntry(entry, base));
  }
  if (raw.autoDiscover !== undefined) {
    if (typeof raw.autoDiscover !== "boolean") throw new ConfigError(`${where("autoDiscover")} must be true or false`);
    result.autoDiscover = raw.autoDiscover;
  }
  if (raw.dataDir !== undefined) {
    if (typeof raw.dataDir !== "string") throw new ConfigError(`${where("dataDir")} must be a directory path`);
    result.dataDir = resolve(base, raw.dataDir);
  }
  if (raw.trust !== undefined) {
    if (!Array.isArray(raw.trust) || !raw.trust.every((entry) => typeof entry === "string")) {
      throw new ConfigError(`${where("trust")} must be a list of package names or scopes, such as [integrations-plugin-demo, "@acme/*"]`);
    }
    result.trust = raw.trust as string[];
  }
  if (raw.untrusted !== undefined) {
    if (!UNTRUSTED_MODES.includes(raw.untrusted as UntrustedMode)) {
      throw new ConfigError(`${where("untrusted")} must be sandbox (untrusted plugins run sandboxed, the default) or off (they do not run), not ${JSON.stringify(raw.untrusted)}`);
    }
    result.untrusted = raw.untrusted as UntrustedMode;
  }
  if (raw.verifySignatures !== undefined) {
    if (typeof raw.verifySignatures !== "boolean") throw new ConfigError(`${where("verifySignatures")} must be true or false`);
    result.verifySignatures = raw.verifySignatures;
  }
  return result;
}
