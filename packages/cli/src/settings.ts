import { dirname, resolve } from "node:path";
import { UsageError } from "@integrations/core";

/** The CLI's own config file names (cosmiconfig, module name `integrations`; no `.ts`, see TOOLCHAIN.md trap 9). */
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

/** The CLI's own config (`.integrationsrc.yaml`, `package.json#integrations`, …) as far as this version uses it. */
export interface CliConfig {
  /** The config.yaml to edit, relative to the CLI config file's directory. */
  file?: string;
  /** Where the CLI config was found. */
  path?: string;
}

/**
 * Finds the CLI's own config from `cwd` upwards to the project root (cosmiconfig, search strategy
 * `project`). Imported lazily: only commands that need it pay for cosmiconfig.
 *
 * @throws UsageError when the file exists but cannot be read or `file` is not a string.
 */
export async function loadCliConfig(cwd: string): Promise<CliConfig> {
  const { cosmiconfig } = await import("cosmiconfig");
  const explorer = cosmiconfig("integrations", { searchStrategy: "project", searchPlaces: SEARCH_PLACES });
  let found: Awaited<ReturnType<typeof explorer.search>>;
  try {
    found = await explorer.search(cwd);
  } catch (error) {
    throw new UsageError(`the integrations config cannot be read: ${(error as Error).message.split("\n")[0]}`);
  }
  if (!found || found.isEmpty) return {};
  const file = (found.config as { file?: unknown }).file;
  if (file !== undefined && typeof file !== "string") {
    throw new UsageError(`${found.filepath}: "file" must be a path such as config.yaml`);
  }
  return { path: found.filepath, ...(file ? { file: resolve(dirname(found.filepath), file) } : {}) };
}

/**
 * The config.yaml path, from in order: the `--file` flag, `INTEGRATIONS_FILE`, the CLI config's
 * `file`, and `config.yaml` (DESIGN.md §4). Paths from the flag and the environment are relative to
 * the working directory and returned as typed, so messages show them as the user wrote them.
 */
export async function resolveConfigFile(flag: string | undefined, cwd: string): Promise<string> {
  if (flag) return flag;
  const fromEnv = process.env.INTEGRATIONS_FILE;
  if (fromEnv) return fromEnv;
  const config = await loadCliConfig(cwd);
  return config.file ?? "config.yaml";
}
