import {
  buildBlock,
  checkIntegrationFlags,
  inConfigFile,
  newConfigText,
  parseConfig,
  parseIntegrationArgv,
  validateConfig,
  type FlagSpecs,
  type Integration,
  type IntegrationPlugin,
} from "@integrations/core";

/** What `runPlugin` returns. */
export interface PluginRun {
  /** The block the host would write, common flags applied, keys in config.yaml order. */
  block: Integration;
  /** A whole config.yaml holding just that block, exactly as the host writes a new file. */
  yaml: string;
}

/** Options for `runPlugin`. */
export interface RunOptions {
  /** Accept `dangerousLiteral:` references, as the CLI does with `--allow-dangerous-literal`. */
  allowDangerousLiteral?: boolean;
}

/**
 * Runs a plugin the way the host does, for tests: parses `input` (an argv array such as
 * `["-token", "env:X"]`, or flag values by camelCase key such as `{ token: "env:X" }`), checks the
 * values, calls `build`, applies the common flags, and validates the block and the YAML text against
 * every rule of docs/config-format.md "What the proxy checks when it starts".
 *
 * @throws UsageError (missing or unknown flags), InputError (unusable values such as a raw token),
 *   PluginError (build threw or returned an invalid block) — the same errors the CLI reports.
 * @example
 * const { block } = runPlugin(plugin, ["-token", "env:SLACK_TOKEN", "-signing-secret", "env:SLACK_SIGNING_SECRET"]);
 * expect(block.destination).toBe("https://slack.com/api");
 */
export function runPlugin<F extends FlagSpecs>(plugin: IntegrationPlugin<F>, input: readonly string[] | Record<string, unknown>, options: RunOptions = {}): PluginRun {
  const generic = plugin as unknown as IntegrationPlugin;
  const check = { integration: plugin.name, allowDangerousLiteral: options.allowDangerousLiteral ?? false };
  const values = Array.isArray(input) ? parseIntegrationArgv(input as readonly string[], plugin.flags, check) : checkIntegrationFlags(input as Record<string, unknown>, plugin.flags, check);
  const block = buildBlock(generic, values, options);
  const yaml = newConfigText(block);
  const { errors } = validateConfig(inConfigFile("config.yaml", () => parseConfig(yaml)).data, options);
  if (errors.length > 0) throw new Error(`the YAML for ${plugin.name} does not validate: ${errors.join("; ")}`);
  return { block, yaml };
}
