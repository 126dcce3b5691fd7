import { UsageError } from "@integrations/core/base";

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

/**
 * Why `name` cannot be a plugin or integration name (what `plugins uninstall|inspect|update` and an
 * integration command take), or undefined when it can: a name is `name`, `@scope/name` or `@scope`,
 * each part of URL-safe characters (`[A-Za-z0-9._~-]`) not starting with `.` or `_`, at most 214
 * characters (npm's limit). Path tricks (`../x`, `/abs`, `a/b/c`, `..`, `%2e%2e`, NUL, `\`) never
 * reach the file system. Install specs are read by `parseInstallSpec` instead (docs/design.md "Plugin management").
 */
export function pluginNameProblem(name: string): string | undefined {
  if (name === "") return "is empty";
  if (/[\u0000-\u001f\u007f]/.test(name)) return "contains a control character";
  if (name.includes("\\")) return "contains a backslash";
  if (name.includes("%")) return "contains %: a name is never URL-encoded";
  if (name.startsWith("/")) return "is an absolute path";
  if (name.split("/").some((part) => part === "." || part === "..")) return 'contains a "." or ".." path segment';
  if (!/^(@[^/]+\/)?[^/@]+$/.test(name) && !/^@[^/]+$/.test(name)) return "has path separators: a name is NAME, @SCOPE/NAME or @SCOPE";
  if (name.length > 214) return "is longer than 214 characters";
  const part = /^[A-Za-z0-9~-][A-Za-z0-9._~-]*$/;
  if (
    !name
      .replace(/^@/, "")
      .split("/")
      .every((p) => part.test(p))
  )
    return 'may contain only letters, digits, ".", "_", "~" and "-" (and start with none of "._")';
  return undefined;
}

/**
 * `name` when it is a plugin or integration name (`pluginNameProblem`).
 * @throws UsageError (exit 2) saying what is wrong and what a name looks like.
 */
export function checkPluginName(name: string): string {
  const problem = pluginNameProblem(name);
  if (problem === undefined) return name;
  throw new UsageError(
    `${JSON.stringify(name)} is not a plugin name: it ${problem}; give an integration (slack), a package (integrations-plugin-slack, @acme/integrations-plugin-demo) or a shorthand (@acme/demo); a plugin directory goes to --plugin or plugins install`,
  );
}

/**
 * Expands a shorthand to its package name; a full package name is returned unchanged.
 * @throws UsageError when `shorthand` is not a name at all (`checkPluginName`): no path is ever made of it.
 */
export function toPackageName(shorthand: string): string {
  checkPluginName(shorthand);
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
