/**
 * The naming convention of integration plugin packages, both ways (the same pair serves discovery,
 * `plugins …`, messages and tests):
 *
 * | shorthand     | package                          |
 * |---------------|----------------------------------|
 * | `slack`       | `integrations-plugin-slack`      |
 * | `@acme/slack` | `@acme/integrations-plugin-slack`|
 * | `@acme`       | `@acme/integrations-plugin`      |
 */
const PREFIX = "integrations-plugin";

/** Expands a shorthand to its package name; a full package name is returned unchanged. */
export function toPackageName(shorthand: string): string {
  if (isPluginPackageName(shorthand)) return shorthand;
  if (/^@[^/]+$/.test(shorthand)) return `${shorthand}/${PREFIX}`;
  const scoped = /^(@[^/]+)\/(.+)$/.exec(shorthand);
  if (scoped) return `${scoped[1]}/${PREFIX}-${scoped[2]}`;
  return `${PREFIX}-${shorthand}`;
}

/** Shortens a plugin package name to its shorthand (the inverse of `toPackageName`). */
export function toShorthand(packageName: string): string {
  const scoped = /^(@[^/]+)\/integrations-plugin(?:-(.+))?$/.exec(packageName);
  if (scoped) return scoped[2] ? `${scoped[1]}/${scoped[2]}` : scoped[1]!;
  return packageName.startsWith(`${PREFIX}-`) ? packageName.slice(PREFIX.length + 1) : packageName;
}

/**
 * The integration name a package provides when it has no manifest: the part after
 * `integrations-plugin-` (`@acme/integrations-plugin-theta` → `theta`), or the scope for the bare
 * `@acme/integrations-plugin` (→ `acme`).
 */
export function defaultIntegrationName(packageName: string): string {
  const scoped = /^@([^/]+)\/integrations-plugin$/.exec(packageName);
  if (scoped) return scoped[1]!;
  const short = toShorthand(packageName);
  return short.includes("/") ? short.slice(short.indexOf("/") + 1) : short;
}

/** Whether a package name follows the plugin naming convention: `integrations-plugin-<name>`, `@<scope>/integrations-plugin[-<name>]`. */
export function isPluginPackageName(name: string): boolean {
  return /^integrations-plugin-[a-z0-9][a-z0-9._-]*$/.test(name) || /^@[a-z0-9][a-z0-9._-]*\/integrations-plugin(-[a-z0-9][a-z0-9._-]*)?$/.test(name);
}
