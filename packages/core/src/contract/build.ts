import { PluginError } from "../errors.js";
import { applyCommonFlags, COMMON_FLAGS, commonFlagForKey } from "../flags/common.js";
import { flagLabel } from "../flags/names.js";
import type { FlagValueMap } from "../flags/parse.js";
import type { IntegrationPlugin } from "./plugin.js";
import type { Integration } from "../format/schema.js";
import { validateIntegration } from "../format/validate.js";
import { KEY_ORDER } from "../format/key-order.js";

export { KEY_ORDER };

/** Options for building a block. */
export interface BuildOptions {
  /** Accept `dangerousLiteral:` secret references. */
  allowDangerousLiteral?: boolean;
}

/**
 * Runs a plugin's `build` with checked flag values (from `parseIntegrationArgv` or
 * `checkIntegrationFlags`), applies the common flags the user gave, lowercases `name`, puts keys in
 * `KEY_ORDER` and validates the result with every rule the proxy checks at start-up
 * (docs/config-format.md "What the proxy checks when it starts").
 *
 * @throws PluginError when `build` throws or returns an invalid block; each problem names its field
 *   and, when a common flag set that field, the flag.
 */
export function buildBlock(plugin: IntegrationPlugin, values: FlagValueMap, options: BuildOptions = {}): Integration {
  const own = pluginFlagValues(plugin, values);
  const given: Record<string, unknown> = {};
  for (const key of Object.keys(COMMON_FLAGS)) if (key !== "name") given[key] = values[key];
  let built: Integration;
  try {
    built = plugin.build(own as never, { integration: plugin.name });
  } catch (error) {
    throw new PluginError(`integration ${plugin.name} refused the flags: ${(error as Error).message}`, [], { cause: error });
  }
  if (typeof built !== "object" || built === null) {
    throw new PluginError(`integration ${plugin.name}: build returned ${built === null ? "null" : typeof built}, not a block`);
  }
  const merged = applyCommonFlags({ ...built, name: String(values.name ?? built.name) }, given);
  const block = orderKeys({ ...merged, name: typeof merged.name === "string" ? merged.name.toLowerCase() : merged.name });
  const { errors } = validateIntegration(block, { allowDangerousLiteral: options.allowDangerousLiteral ?? false });
  if (errors.length > 0) {
    const problems = errors.map((error) => {
      const flag = commonFlagForKey(error.split(/[.:[]/)[0]!, { ...given, name: values.name });
      return flag ? `${flagLabel(flag)}: ${error}` : error;
    });
    throw new PluginError(`the block for ${plugin.name} is not valid: ${problems.join("; ")}`, problems);
  }
  return block;
}

/** What `build` receives: the values of the plugin's own flags, and `name`. */
export function pluginFlagValues(plugin: Pick<IntegrationPlugin, "flags">, values: FlagValueMap): Record<string, unknown> {
  const own: Record<string, unknown> = { name: values.name };
  for (const key of Object.keys(plugin.flags)) own[key] = values[key];
  return own;
}

/** Returns `block` with its keys in docs/config-format.md "Keys of an integration block" order; unknown keys keep their order at the end. */
export function orderKeys<T extends object>(block: T): T {
  const entries = Object.entries(block).filter(([, value]) => value !== undefined);
  const rank = (key: string) => {
    const index = (KEY_ORDER as readonly string[]).indexOf(key);
    return index === -1 ? KEY_ORDER.length : index;
  };
  return Object.fromEntries(entries.sort(([a], [b]) => rank(a) - rank(b))) as T;
}
