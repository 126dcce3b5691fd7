import { stat } from "node:fs/promises";
import { join } from "node:path";
import { projectRoot } from "../../discovery/sources.js";
import { readNpmrc, registriesIn, userNpmrcPath } from "../plugins/npmrc.js";
import { loadRegistrySettings, registriesInEffect, registryFor } from "../plugins/registries.js";
import { userPluginDir } from "../../discovery/user-dir.js";
import type { CliConfig } from "../../cli-config/settings.js";

/** Which .npmrc: the user's, the project's, or the user plugin directory's (the registries recorded at install). */
export type NpmrcRole = "user" | "project" | "pluginDir";

/** What one .npmrc says about registries. Auth settings are named, masked; their values are never read into this. */
export interface NpmrcFacts {
  role: NpmrcRole;
  path: string;
  exists: boolean;
  /** Its `registry=`. */
  registry: string | null;
  /** Its `@scope:registry=` lines. */
  scopes: Record<string, string>;
  /** Its auth settings, value masked: `//127.0.0.1:4873/:_authToken=***`. */
  auth: string[];
}

/** A registry in effect and the file that sets it (`default`: npm's own default). */
export interface RegistryInEffect {
  scope: string | null;
  registry: string;
  from: string;
}

/** The npm registries `integrations plugins …` would use from here, and the files they come from. */
export interface NpmFacts {
  files: NpmrcFacts[];
  /** The default registry, then each scope mapping, sorted by scope. */
  inEffect: RegistryInEffect[];
  /**
   * Each installed plugin whose install recorded its registry (registries.json), and the registry
   * `plugins update` and `uninstall` would ask for it now, with what chose it.
   */
  packages: { package: string; registry: string; from: string }[];
}

/** The npmrc keys that hold credentials: for a registry (`//host/:_authToken`) or for all (`_auth`). */
const AUTH_KEY = /^(?:\/\/[^\s=]*:)?(?:_authToken|_auth|_password|password|certfile|keyfile)$/;

/**
 * The credential settings in an npmrc text, each as `key=***`: the key names the registry
 * (`//127.0.0.1:4873/:_authToken`), the value is never kept.
 */
export function maskedAuth(text: string): string[] {
  const found: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#") || line.startsWith(";")) continue;
    const eq = line.indexOf("=");
    const key = (eq === -1 ? line : line.slice(0, eq)).trim();
    if (AUTH_KEY.test(key)) found.push(`${key}=***`);
  }
  return [...new Set(found)];
}

/** A registry URL with any credentials in it (`https://user:token@host/`) masked. */
export function maskUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/i, "$1***@");
}

async function npmrcFacts(role: NpmrcRole, path: string): Promise<NpmrcFacts> {
  const exists = (await stat(path).catch(() => undefined))?.isFile() ?? false;
  const text = exists ? await readNpmrc(path) : "";
  const { registry, scopes } = registriesIn(text);
  const masked = Object.fromEntries(Object.entries(scopes).map(([scope, url]) => [scope, maskUrl(url)]));
  return { role, path, exists, registry: registry ? maskUrl(registry) : null, scopes: masked, auth: maskedAuth(text) };
}

/**
 * The .npmrc files `plugins install` reads from `cwd` (the user plugin directory's recorded
 * registries, the user's .npmrc, the project's: the nearest package.json's directory, else `cwd`)
 * and the registries in effect, as `plugins install` chooses them (`registriesInEffect`).
 */
export async function npmFacts(cwd: string, config: CliConfig): Promise<NpmFacts> {
  const project = projectRoot(cwd) ?? cwd;
  const pluginDir = userPluginDir(config);
  const read = await Promise.all([
    npmrcFacts("pluginDir", join(pluginDir, ".npmrc")),
    npmrcFacts("user", userNpmrcPath()),
    ...(project === pluginDir ? [] : [npmrcFacts("project", join(project, ".npmrc"))]),
  ]);
  // What `plugins install` weighs (the environment and the global npmrc too), never a separate reckoning.
  const text = async (path: string) => ({ path, text: await readNpmrc(path) });
  const settings = await loadRegistrySettings({ dir: pluginDir, user: await text(userNpmrcPath()), ...(project === pluginDir ? {} : { project: await text(join(project, ".npmrc")) }) });
  const inEffect = registriesInEffect(settings).map((choice): RegistryInEffect => ({
    scope: choice.scope ?? null,
    registry: maskUrl(choice.url),
    from: choice.origin === "default" ? "default" : choice.from,
  }));
  const packages = Object.keys(settings.packages)
    .sort()
    .map((name) => {
      const choice = registryFor(name, settings);
      return { package: name, registry: maskUrl(choice.url), from: choice.origin === "default" ? "default" : choice.from };
    });
  const order: NpmrcRole[] = ["user", "project", "pluginDir"];
  return { files: read.sort((a, b) => order.indexOf(a.role) - order.indexOf(b.role)), inEffect, packages };
}
