import { checkPluginShape, type IntegrationPlugin } from "@integrations/core";
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

/**
 * Imports a discovered plugin package (by file URL) and returns the plugin object for the record's
 * integration, checked by shape.
 *
 * @throws PluginLoadError naming the package, its path and the cause.
 */
export async function loadPlugin(record: PluginRecord): Promise<IntegrationPlugin> {
  if (record.status === "error" || record.status === "incompatible" || !record.entry) {
    throw new PluginLoadError(record, record.cause ?? "it could not be resolved");
  }
  let module: { default?: unknown };
  try {
    module = (await import(record.entry)) as { default?: unknown };
  } catch (error) {
    throw new PluginLoadError(record, `importing it threw: ${(error as Error)?.message ?? String(error)}`, { cause: error });
  }
  const { plugins, problems } = checkPluginShape(module.default);
  if (!plugins) throw new PluginLoadError(record, problems.join("; "));
  const plugin = plugins.find((p) => p.name === record.integration);
  if (!plugin) {
    const offered = plugins.map((p) => p.name).join(", ");
    throw new PluginLoadError(record, `its ${record.manifest ? "manifest lists" : "package name implies"} "${record.integration}" but it exports ${offered || "no plugin"}`);
  }
  return plugin;
}

/** Imports a record's plugin to report its real status for `list`: the record with status `error` and the cause when loading fails. */
export async function checkRecord(record: PluginRecord): Promise<PluginRecord> {
  if (record.status !== "ok") return record;
  try {
    const plugin = await loadPlugin(record);
    return { ...record, description: plugin.description };
  } catch (error) {
    return { ...record, status: "error", cause: (error as PluginLoadError).reason ?? String(error) };
  }
}
