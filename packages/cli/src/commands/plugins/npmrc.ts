import { readFile, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { UsageError } from "@integrations/core";
import { envValue } from "../../discovery/global-dirs.js";

/** The npm settings that decide where a package comes from, as found in .npmrc files. */
export interface Registries {
  /** `registry=` (the default registry), when set. */
  registry?: string;
  /** `@scope:registry=` lines: scope (`@acme`) → registry URL. */
  scopes: Record<string, string>;
}

/** The public registry npm uses when nothing else is set. */
export const DEFAULT_REGISTRY = "https://registry.npmjs.org/";

/** An npm scope as npm accepts it in a `@scope:registry` key. */
export const SCOPE = /^@[a-z0-9][a-z0-9._~-]*$/i;

/** The user's .npmrc: `$NPM_CONFIG_USERCONFIG` (any case) or `~/.npmrc`. */
export function userNpmrcPath(): string {
  return envValue(process.env, "npm_config_userconfig") ?? join(homedir(), ".npmrc");
}

/** Reads a .npmrc's text; empty when it does not exist. */
export function readNpmrc(path: string): Promise<string> {
  return readFile(path, "utf8").catch(() => "");
}

/**
 * The `key=value` settings of an npmrc text as npm reads them: comments (`#`, `;`) skipped, values
 * unquoted, `${VAR}` replaced from the environment; the last assignment of a key wins.
 */
export function npmrcSettings(text: string, env: Record<string, string | undefined> = process.env): Map<string, string> {
  const settings = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#") || line.startsWith(";")) continue;
    const eq = line.indexOf("=");
    if (eq === -1) continue;
    let value = line.slice(eq + 1).trim();
    if (/^"(.*)"$/.test(value) || /^'(.*)'$/.test(value)) value = value.slice(1, -1);
    value = value.replace(/(\\*)\$\{([^${}?]+)\}/g, (whole, escapes: string, name: string) => (escapes.length % 2 ? whole.slice(1) : `${escapes}${env[name] ?? ""}`));
    settings.set(line.slice(0, eq).trim(), value);
  }
  return settings;
}

/** The registry settings in .npmrc texts, later texts winning (never tokens: they are not read here). */
export function registriesIn(...texts: string[]): Registries {
  const result: Registries = { scopes: {} };
  for (const text of texts) {
    for (const [key, value] of npmrcSettings(text)) {
      if (!isRegistryUrl(value)) continue;
      if (key === "registry") result.registry = value;
      const scope = /^(@[^:]+):registry$/.exec(key)?.[1];
      if (scope && SCOPE.test(scope)) result.scopes[scope] = value;
    }
  }
  return result;
}

/** Whether `value` is an http(s) URL (what a registry setting must be to be used). */
export function isRegistryUrl(value: string): boolean {
  return URL.canParse(value) && /^https?:$/.test(new URL(value).protocol);
}

/**
 * `value` as a registry URL (http or https, no query or fragment), ending in `/`.
 * @throws UsageError (`--registry "…" is not a registry URL: …`) when it is not one.
 */
export function registryUrl(value: string): string {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || !/^https?:$/.test(url.protocol) || url.search || url.hash) {
    throw new UsageError(`--registry "${value}" is not a registry URL: give http(s)://host[:port]/[path] (e.g. https://npm.acme.example/)`);
  }
  return url.href.endsWith("/") ? url.href : `${url.href}/`;
}

/**
 * Writes the plugin directory's own .npmrc: the scope → registry mappings in effect, so that later
 * `update`/`uninstall` from anywhere use the same registries (and npm run by hand there too). Tokens
 * are never written here.
 */
export async function recordRegistries(dir: string, registries: Registries): Promise<void> {
  const lines = [
    "# Written by `integrations plugins install`: the registries its plugins come from (no tokens).",
    ...(registries.registry ? [`registry=${registries.registry}`] : []),
    ...Object.entries(registries.scopes)
      .sort()
      .map(([scope, url]) => `${scope}:registry=${url}`),
  ];
  await writeFile(join(dir, ".npmrc"), `${lines.join("\n")}\n`);
}
