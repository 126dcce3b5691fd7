import { PluginError } from "@integrations/core/base";
import type { BuildOptions, FlagValueMap, Integration, IntegrationPlugin } from "@integrations/core";
import type { PluginRecord } from "./record.js";
import { withPluginNamed } from "./load.js";
import { pluginRef } from "./load-error.js";
import { SandboxedPlugin } from "./sandbox/sandboxed-plugin.js";
import { SandboxStopped } from "./sandbox/session.js";
import { stoppedText } from "./sandbox/failure-text.js";

/**
 * The block of `plugin` (as `loadPlugin` returned it) for checked flag values: core's `buildBlock`,
 * with `build` run where the plugin runs. A sandboxed plugin's `build` runs in its process, and what
 * it returned (or threw) is then checked by the host exactly as a block built in process.
 *
 * @throws PluginError naming the plugin: `build` threw, returned an invalid block, or (sandboxed)
 *   tried what the sandbox forbids or did not finish in time.
 */
export async function buildPluginBlock(record: PluginRecord, plugin: IntegrationPlugin, values: FlagValueMap, options: BuildOptions): Promise<Integration> {
  const { buildBlock, pluginFlagValues } = await import("@integrations/core");
  if (!(plugin instanceof SandboxedPlugin)) return withPluginNamed(record, () => buildBlock(plugin, values, options));
  let built: () => Integration;
  try {
    const block = (await plugin.session.build(plugin.name, pluginFlagValues(plugin, values))) as Integration;
    built = () => block;
  } catch (error) {
    if (!(error instanceof SandboxStopped)) throw error;
    const { failure } = error;
    const stopped = stoppedText(failure);
    if (stopped !== undefined || failure.kind !== "threw") throw new PluginError(`integration ${plugin.name}: ${stopped ?? failure.kind}`, [], { plugin: pluginRef(record) });
    // It threw: refused the flags, worded by buildBlock as for a plugin in process.
    built = () => {
      throw new Error(failure.error.message);
    };
  }
  return withPluginNamed(record, () => buildBlock({ ...plugin, flags: plugin.flags, name: plugin.name, build: built }, values, options));
}
