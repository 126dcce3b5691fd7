import { checkPluginShape, type IntegrationPlugin } from "@integrations/core";
import type { PluginRecord } from "./record.js";
import { importModule } from "../module-import.js";

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
    module = (await importModule(record.entry)) as { default?: unknown };
  } catch (error) {
    throw new PluginLoadError(record, importFailure(error), { cause: error });
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

/**
 * Why an import failed, for messages. A module the plugin imports but that is not installed where
 * Node looks (an undeclared dependency, typically) gets a cause naming that package; anything else is
 * the error's own message.
 */
function importFailure(error: unknown): string {
  const message = String((error as Error)?.message ?? error);
  if ((error as NodeJS.ErrnoException)?.code === "ERR_MODULE_NOT_FOUND") {
    const missing = /Cannot find (package|module) '([^']+)'(?: imported from (.+))?/.exec(message);
    if (missing?.[1] === "package") {
      const from = missing[3] ? ` (imported from ${missing[3].trim()})` : "";
      return `missing dependency "${missing[2]}": the plugin imports it${from} but it is not installed where the plugin is; the plugin must declare it in its dependencies (then reinstall the plugin)`;
    }
    if (missing) return `missing module: it imports ${missing[2]}, which does not exist${missing[3] ? ` (imported from ${missing[3].trim()})` : ""}; rebuild or reinstall the plugin`;
  }
  return `importing it threw: ${message}`;
}
