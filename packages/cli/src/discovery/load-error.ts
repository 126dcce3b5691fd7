import type { PluginRecord } from "./record.js";

/** A plugin could not be loaded: its import threw, its export has the wrong shape, or it disagrees with its manifest. */
export class PluginLoadError extends Error {
  override name = "PluginLoadError";
  constructor(
    readonly record: PluginRecord,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`plugin ${record.packageName} (${record.dir}) cannot be loaded: ${reason}`, options);
  }
}
