import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** The CLI config file `trustPlugins` writes: the one cosmiconfig looks for after package.json. */
const CLI_CONFIG = ".integrationsrc.yaml";

/**
 * Makes `packages` (names, or `@scope/*`) run in the CLI's process for runs in `root`: adds them to
 * `trust:` in `root`'s `.integrationsrc.yaml`, keeping its other settings (a line-based edit: the
 * file must not set `trust` itself). For tests whose plugins prove they ran by writing a marker
 * file, which a sandboxed plugin may not do; a package.json holding an `integrations` key would be
 * read instead, so that is refused.
 */
export function trustPlugins(root: string, packages: readonly string[]): void {
  const path = join(root, CLI_CONFIG);
  const packageJson = join(root, "package.json");
  if (existsSync(packageJson) && (JSON.parse(readFileSync(packageJson, "utf8")) as { integrations?: unknown }).integrations !== undefined) {
    throw new Error(`${packageJson} has an "integrations" key, which the CLI reads instead of ${CLI_CONFIG}: put trust there`);
  }
  const before = existsSync(path) ? readFileSync(path, "utf8") : "";
  if (/^trust:/m.test(before)) throw new Error(`${path} sets trust already`);
  const list = packages.map((name) => `  - ${JSON.stringify(name)}\n`).join("");
  writeFileSync(path, `${before}${before && !before.endsWith("\n") ? "\n" : ""}trust:\n${list}`);
}
