import { join } from "node:path";
import { npmPrefix } from "../../discovery/global-dirs.js";
import { DEFAULT_REGISTRY, isRegistryUrl, npmrcSettings, readNpmrc, registriesIn, SCOPE, type Registries } from "./npmrc.js";
import { ORIGINS_FILE, readOrigins } from "./origins.js";

/** One place that sets registries, and its name for messages (`--registry`, `/home/u/.npmrc`, `NPM_CONFIG_REGISTRY`). */
export interface Layer {
  from: string;
  registries: Registries;
}

/** Everything that decides which registry npm asks for a package, as `registryFor` weighs it. */
export interface RegistrySettings {
  /** `--registry` given to this command. */
  flag?: string;
  /** `npm_config_registry` and `npm_config_@scope:registry`, one layer per variable. */
  env: Layer[];
  /** The project's .npmrc (the nearest package.json's directory, else the working directory). */
  project?: Layer;
  /** The user's .npmrc. */
  user: Layer;
  /** The user plugin directory's own .npmrc: the scope mappings recorded at install. */
  recorded: Layer;
  /** npm's global npmrc. */
  global: Layer;
  /** The registry each installed package came from, when a setting that does not stay chose it (registries.json). */
  packages: Record<string, string>;
  /** Where `packages` is kept, for messages. */
  packagesFrom: string;
}

/** The registry for a package and what chose it. */
export interface RegistryChoice {
  url: string;
  from: string;
  /** The scope whose `@scope:registry` mapping chose it; unset when the default registry did. */
  scope?: string;
  /**
   * What kind of setting chose it: `passing`, one that will not be there next time (`--registry`,
   * the environment, the project's .npmrc), so the choice is recorded for the package; `recorded`,
   * that record; `config`, a setting that stays (the user's, plugin directory's or global npmrc);
   * `default`, none: npm's own default.
   */
  origin: "passing" | "recorded" | "config" | "default";
}

/** The .npmrc texts `loadRegistrySettings` reads, with their paths. */
export interface NpmrcFiles {
  project?: { path: string; text: string };
  user: { path: string; text: string };
  /** The user plugin directory. */
  dir: string;
}

/**
 * Reads every registry setting in effect: `flag`, the environment, the project's and the user's
 * .npmrc (given), the user plugin directory's .npmrc and registries.json, and npm's global npmrc
 * (`npm_config_globalconfig`, `globalconfig=` in the user's .npmrc, else `<npm prefix>/etc/npmrc`).
 */
export async function loadRegistrySettings(files: NpmrcFiles, flag?: string): Promise<RegistrySettings> {
  const userSettings = npmrcSettings(files.user.text);
  const globalPath = envLayers(process.env, "globalconfig")[0]?.value ?? userSettings.get("globalconfig") ?? join(npmPrefix(), "etc", "npmrc");
  const recordedPath = join(files.dir, ".npmrc");
  const layer = (path: string, text: string): Layer => ({ from: path, registries: registriesIn(text) });
  return {
    ...(flag ? { flag } : {}),
    env: envLayers(process.env).flatMap(({ name, key, value }) => {
      if (!isRegistryUrl(value)) return [];
      if (key === "registry") return [{ from: name, registries: { registry: value, scopes: {} } }];
      const scope = /^(@[^:]+):registry$/.exec(key)?.[1];
      return scope && SCOPE.test(scope) ? [{ from: name, registries: { scopes: { [scope]: value } } }] : [];
    }),
    ...(files.project ? { project: layer(files.project.path, files.project.text) } : {}),
    user: layer(files.user.path, files.user.text),
    recorded: layer(recordedPath, await readNpmrc(recordedPath)),
    global: layer(globalPath, await readNpmrc(globalPath)),
    packages: await readOrigins(files.dir),
    packagesFrom: join(files.dir, ORIGINS_FILE),
  };
}

/**
 * The `npm_config_*` variables as npm reads them (any case; `_` after the first character read as
 * `-`; lowercased; empty ones skipped): one per key, the last one set, as npm takes it; only the
 * key `only` when given.
 */
function envLayers(env: NodeJS.ProcessEnv, only?: string): { name: string; key: string; value: string }[] {
  const found = new Map<string, { name: string; key: string; value: string }>();
  for (const [name, value] of Object.entries(env)) {
    if (!/^npm_config_/i.test(name) || !value) continue;
    const key = name
      .slice("npm_config_".length)
      .replace(/(?!^)_/g, "-")
      .toLowerCase();
    if (only === undefined || key === only) found.set(key, { name, key, value });
  }
  return [...found.values()];
}

const scopeOf = (name: string): string | undefined => (name.startsWith("@") && name.includes("/") ? name.slice(0, name.indexOf("/")) : undefined);

/**
 * The registry npm is to ask for `packageName`, by npm's rules (its configuration docs: command
 * line, then environment, then the project's, user's and global npmrc; a scope's `@scope:registry`
 * wins over `registry` whatever sets it), with what `plugins install` remembers:
 *
 * 1. the scope's registry: the environment, the project's .npmrc, the user's, the plugin
 *    directory's (recorded at install), the global npmrc;
 * 2. else `--registry`, then `npm_config_registry`, then `registry=` in the project's .npmrc;
 * 3. else the registry the package came from, when `--registry`, the environment or a project's
 *    .npmrc chose it at install (registries.json): those are gone by the next `update`;
 * 4. else `registry=` in the user's .npmrc, the plugin directory's, the global npmrc, else npm's default.
 */
export function registryFor(packageName: string, settings: RegistrySettings): RegistryChoice {
  const scope = scopeOf(packageName);
  return (scope && scopeRegistry(scope, settings)) || defaultRegistryFor(packageName, settings);
}

/** The registry a scope is mapped to: step 1 of `registryFor`; undefined when no setting maps it. */
function scopeRegistry(scope: string, settings: RegistrySettings): RegistryChoice | undefined {
  for (const layer of scopeLayers(settings)) {
    const url = layer.registries.scopes[scope];
    if (url) return { url, from: layer.from, scope, origin: isPassing(layer, settings) ? "passing" : "config" };
  }
  return undefined;
}

/** The default registry (`registry`, never a scope's) for `packageName`: steps 2–4 of `registryFor`. */
export function defaultRegistryFor(packageName: string | undefined, settings: RegistrySettings): RegistryChoice {
  if (settings.flag) return { url: settings.flag, from: "--registry", origin: "passing" };
  for (const layer of [...settings.env, ...(settings.project ? [settings.project] : [])]) {
    if (layer.registries.registry) return { url: layer.registries.registry, from: layer.from, origin: "passing" };
  }
  const recorded = packageName === undefined ? undefined : settings.packages[packageName];
  if (recorded) return { url: recorded, from: `recorded at its install in ${settings.packagesFrom}`, origin: "recorded" };
  for (const layer of [settings.user, settings.recorded, settings.global]) {
    if (layer.registries.registry) return { url: layer.registries.registry, from: layer.from, origin: "config" };
  }
  return { url: DEFAULT_REGISTRY, from: "npm's default", origin: "default" };
}

/** The layers that may map a scope, highest precedence first. */
function scopeLayers(settings: RegistrySettings): Layer[] {
  return [...settings.env, ...(settings.project ? [settings.project] : []), settings.user, settings.recorded, settings.global];
}

/** The environment's layers and the project's .npmrc are passing; the user's, the plugin directory's and the global npmrc stay. */
function isPassing(layer: Layer, settings: RegistrySettings): boolean {
  return settings.env.includes(layer) || layer === settings.project;
}

/**
 * Every scope mapping in effect (`registryFor` step 1 for each scope named anywhere): scope → URL.
 * `recordable`: those to record in the plugin directory, leaving out the global npmrc's (it stays).
 */
export function scopeMappings(settings: RegistrySettings, { recordable = false } = {}): Record<string, string> {
  const merged: Record<string, string> = {};
  const layers = scopeLayers(settings).filter((layer) => !recordable || layer !== settings.global);
  for (const layer of layers.reverse()) Object.assign(merged, layer.registries.scopes);
  return merged;
}

/** The default registry in effect, then each scope's (sorted by scope), and what chose each: what `doctor` shows. */
export function registriesInEffect(settings: RegistrySettings): RegistryChoice[] {
  const scopes = new Set(scopeLayers(settings).flatMap((layer) => Object.keys(layer.registries.scopes)));
  return [defaultRegistryFor(undefined, settings), ...[...scopes].sort().flatMap((scope) => scopeRegistry(scope, settings) ?? [])];
}

/**
 * The `--registry` npm needs for a package so that it asks what `registryFor` chose: the choice's
 * URL when the default registry chose it, else (a scope mapping chose it) the default registry
 * without a package; none when that is npm's own default (npm then reads its global and built-in
 * configuration as it always does).
 */
export function npmRegistryFlag(packageName: string | undefined, settings: RegistrySettings): string | undefined {
  const choice = packageName === undefined ? defaultRegistryFor(undefined, settings) : registryFor(packageName, settings);
  const general = choice.scope ? defaultRegistryFor(undefined, settings) : choice;
  return general.origin === "default" ? undefined : general.url;
}

/** The record to keep for a package npm got as `choice` said: its registry when a passing setting chose it, none when a setting that stays did, unchanged when the record did. */
export function updatedOrigins(origins: Record<string, string>, packageName: string, choice: RegistryChoice): Record<string, string> {
  if (choice.origin === "recorded") return origins;
  const { [packageName]: _old, ...rest } = origins;
  return choice.origin === "passing" ? { ...rest, [packageName]: choice.url } : rest;
}

/**
 * npm's command-line options that make it ask what `registryFor` says: every scope mapping in
 * effect, and `--registry=<general>` when given (the command line outranks every npmrc and the
 * environment in npm).
 */
export function npmRegistryArgs(settings: RegistrySettings, general?: string): string[] {
  return [
    ...Object.entries(scopeMappings(settings))
      .sort()
      .map(([scope, url]) => `--${scope}:registry=${url}`),
    ...(general ? [`--registry=${general}`] : []),
  ];
}
