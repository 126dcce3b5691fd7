import { dirname, resolve } from "node:path";
import { ConfigError } from "@integrations/core";
import { warn } from "./report.js";

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
 * `project`). Imported lazily: only commands that need it pay for cosmiconfig. A `package.json` that
 * is not valid JSON is not ours to judge: it is skipped with a warning.
 *
 * @throws ConfigError when an integrations config file (`.integrationsrc.yaml`, …) cannot be read,
 *   with the parser's reason, or when its `file` is not a string.
 */
export async function loadCliConfig(cwd: string): Promise<CliConfig> {
  const { cosmiconfig } = await import("cosmiconfig");
  let found: { config: unknown; filepath: string; isEmpty?: boolean } | null;
  try {
    found = await cosmiconfig("integrations", { searchStrategy: "project", searchPlaces: SEARCH_PLACES }).search(cwd);
  } catch (error) {
    const reason = (error as Error).message
      .split("\n")
      .filter((line) => line.trim() !== "" && !/^\s*(>?\s*\d*\s*\||[-^\s]+$)/.test(line)) // drop the code frame
      .map((line) => line.trim())
      .join(" ");
    if (/package\.json/.test(reason)) {
      warn(`${reason}; the integrations settings in package.json are ignored`);
      return {};
    }
    throw new ConfigError(`the integrations config cannot be read: ${reason}; fix it or pass -file`);
  }
  if (!found || found.isEmpty) return {};
  const file = (found.config as { file?: unknown } | null)?.file;
  if (file !== undefined && typeof file !== "string") {
    throw new ConfigError(`${found.filepath}: "file" must be a path such as config.yaml`);
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
