import { readFile, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { UsageError } from "@integrations/core";

/** The npm settings that decide where a package comes from, as found in .npmrc files. */
export interface Registries {
  /** `registry=` (the default registry), when set. */
  registry?: string;
  /** `@scope:registry=` lines: scope (`@acme`) → registry URL. */
  scopes: Record<string, string>;
}

/** The public registry npm uses when nothing else is set. */
export const DEFAULT_REGISTRY = "https://registry.npmjs.org/";

/** The user's .npmrc: `$NPM_CONFIG_USERCONFIG` (any case) or `~/.npmrc`. */
export function userNpmrcPath(): string {
  const key = Object.keys(process.env).find((k) => k.toLowerCase() === "npm_config_userconfig");
  return (key && process.env[key]) || join(homedir(), ".npmrc");
}

/** Reads a .npmrc's text; empty when it does not exist. */
export async function readNpmrc(path: string): Promise<string> {
  return readFile(path, "utf8").catch(() => "");
}

/** The registry settings in .npmrc texts, later texts winning (never tokens: they are not read here). */
export function registriesIn(...texts: string[]): Registries {
  const result: Registries = { scopes: {} };
  for (const text of texts) {
    for (const line of text.split(/\r?\n/)) {
      const scoped = /^\s*(@[^:\s]+):registry\s*=\s*(\S+)\s*$/.exec(line);
      if (scoped) result.scopes[scoped[1]!] = scoped[2]!;
      const plain = /^\s*registry\s*=\s*(\S+)\s*$/.exec(line);
      if (plain) result.registry = plain[1]!;
    }
  }
  return result;
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

/** The registry npm will ask for `packageName` under these settings (`--registry` wins over the default). */
export function registryFor(packageName: string, registries: Registries, flag?: string): string {
  const scope = packageName.startsWith("@") ? packageName.slice(0, packageName.indexOf("/")) : undefined;
  return (scope && registries.scopes[scope]) || flag || registries.registry || DEFAULT_REGISTRY;
}

/**
 * Writes the plugin directory's own .npmrc: the scope → registry mappings (and default registry)
 * in effect, so that later `update`/`uninstall` from anywhere use the same registries. Tokens are
 * never written here.
 */
export async function recordRegistries(dir: string, registries: Registries): Promise<void> {
  const lines = [
    "# Written by `integrations plugins install`: the registries its plugins come from (no tokens).",
    ...(registries.registry ? [`registry=${registries.registry}`] : []),
    ...Object.entries(registries.scopes).sort().map(([scope, url]) => `${scope}:registry=${url}`),
  ];
  await writeFile(join(dir, ".npmrc"), `${lines.join("\n")}\n`);
}
