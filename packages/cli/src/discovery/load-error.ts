import { IntegrationsError, type PluginRef } from "@integrations/core/base";
import type { PluginRecord } from "./record.js";

/**
 * A plugin could not be loaded: its import threw, its export has the wrong shape, or it disagrees
 * with its manifest. `message` is the reason; the printed line names the plugin and its directory.
 */
export class PluginLoadError extends IntegrationsError {
  override name = "PluginLoadError";
  readonly exitCode = 1;
  declare plugin: PluginRef;

  constructor(record: PluginRecord, reason: string, options?: { cause?: unknown }) {
    super(reason, [], { ...options, plugin: pluginRef(record) });
  }

  override describe(): string {
    return `plugin ${this.plugin.packageName} (${this.plugin.dir}) cannot be loaded: ${this.message}`;
  }
}

/** The plugin a record describes, as errors name it. */
export function pluginRef(record: PluginRecord): PluginRef {
  return { packageName: record.packageName, integration: record.integration, dir: record.dir };
}
