import { PluginError } from "@integrations/core/base";
import type { IntegrationPlugin } from "@integrations/core";
import type { PluginRecord } from "./record.js";
import { bundledPlugin, type ModuleImport } from "../runtime/module-import.js";
import { pluginExport } from "./default-export.js";
import { pluginEntry } from "./package.js";
import { rememberOutcome, type ObservedOutcomes } from "./outcomes.js";
import { sdkCopyWarning } from "./sdk-copy.js";
import { SDK_PACKAGE } from "./compat.js";
import { PluginLoadError, pluginRef } from "./load-error.js";
import { refuseIfOff } from "./trust.js";
import { verifyInstalledFiles } from "./verify-install.js";
import { SandboxedPlugin } from "./sandbox/sandboxed-plugin.js";
import { availableParallelism } from "node:os";

/** How long a plugin's import may take before it is given up, in ms, unless `INTEGRATIONS_PLUGIN_TIMEOUT_MS` says otherwise. */
export const DEFAULT_PLUGIN_TIMEOUT_MS = 10_000;

/** What loading a plugin needs from the run (a `Run` is one). */
export interface PluginLoading {
  readonly runtime: Pick<ModuleImport, "importModule">;
  /** Built-ins only: no other plugin code is imported. */
  readonly pluginsOff: boolean;
  /** Where the run's import outcomes are kept until they are written at exit. */
  readonly outcomes: ObservedOutcomes;
  pluginTimeoutMs(fallback: number): number;
}

/**
 * Imports a discovered plugin package (by file URL) and returns the plugin object for the record's
 * integration, checked by shape.
 *
 * The import is given up after `INTEGRATIONS_PLUGIN_TIMEOUT_MS` (default `DEFAULT_PLUGIN_TIMEOUT_MS`,
 * 10 000 ms): a module whose top-level `await` never settles fails here with an error naming it,
 * instead of hanging or ending the process with Node's "unsettled top-level await" (exit 13). While
 * plugins are off (`--no-plugins`, `run.pluginsOff`), only built-ins are imported. A plugin npm
 * installed into the user plugin directory is imported only when its files are still those
 * installed (verify-install.ts). The outcome of each import is remembered for `list` (outcomes.ts).
 *
 * @throws PluginLoadError naming the package, its path and the cause.
 */
export async function loadPlugin(record: PluginRecord, run: PluginLoading): Promise<IntegrationPlugin> {
  if (record.status === "error" || record.status === "incompatible") {
    throw new PluginLoadError(record, record.cause ?? "it could not be resolved");
  }
  if (run.pluginsOff && record.source !== "builtin") throw new PluginLoadError(record, "plugins are off (--no-plugins or INTEGRATIONS_NO_PLUGINS=1): only built-ins run");
  refuseIfOff(record);
  await verifyInstalledFiles(record);
  return await rememberOutcome(run.outcomes, record, () => importPlugin(record, run));
}

/** Imports and shape-checks the plugin of a record that may be imported. @throws PluginLoadError */
async function importPlugin(record: PluginRecord, run: PluginLoading): Promise<IntegrationPlugin> {
  // Only the CLI's own built-ins come from the bundle: another copy of the same name and version (a
  // linked working copy) may hold other code.
  const bundledCopy = record.source === "builtin" ? bundledPlugin(record.packageName, record.version) : undefined;
  if (!bundledCopy && runsSandboxed(record)) {
    const { importSandboxed } = await import("./sandbox/import-sandboxed.js");
    const { namespace, session } = await importSandboxed(record, run.pluginTimeoutMs(DEFAULT_PLUGIN_TIMEOUT_MS), importFailure);
    try {
      return new (await import("./sandbox/sandboxed-plugin.js")).SandboxedPlugin(await pluginOf(record, namespace), session);
    } catch (error) {
      session.kill();
      throw error;
    }
  }
  return await pluginOf(record, await (bundledCopy ? loadBundled(record, bundledCopy) : importWithTimeout(record, run)));
}

/** Whether a record's plugin runs in its own sandboxed process: every plugin but the built-ins, unless trusted. */
function runsSandboxed(record: PluginRecord): boolean {
  return record.source !== "builtin" && record.runs !== "in-process";
}

/** The plugin of the record's integration in an imported module's namespace, checked by shape. @throws PluginLoadError */
async function pluginOf(record: PluginRecord, namespace: unknown): Promise<IntegrationPlugin> {
  const { checkPluginShape } = await import("@integrations/core");
  const { plugins, problems } = checkPluginShape(pluginExport(namespace));
  if (!plugins) throw new PluginLoadError(record, problems.join("; "));
  const plugin = plugins.find((p) => p.name === record.integration);
  if (!plugin) {
    const offered = plugins.map((p) => p.name).join(", ");
    throw new PluginLoadError(record, `its ${record.manifest ? "manifest lists" : "package name implies"} "${record.integration}" but it exports ${offered || "no plugin"}`);
  }
  return plugin;
}

/** The bundled copy of a built-in (a chunk of the CLI's bundle). @throws PluginLoadError when it cannot be loaded: the CLI's install is damaged. */
async function loadBundled(record: PluginRecord, load: () => unknown): Promise<unknown> {
  try {
    return await load();
  } catch (error) {
    throw new PluginLoadError(record, `${await importFailure(error)} (its code in the CLI's bundle; reinstall @integrations/cli)`, { cause: error });
  }
}

/** Imports a plugin package's entry module, given up after `pluginTimeoutMs`. @throws PluginLoadError */
async function importWithTimeout(record: PluginRecord, run: PluginLoading): Promise<unknown> {
  const entry = pluginEntry(record);
  if (!entry.ok) throw new PluginLoadError(record, entry.cause);
  const ms = run.pluginTimeoutMs(DEFAULT_PLUGIN_TIMEOUT_MS);
  let timer: NodeJS.Timeout | undefined;
  // The timer also keeps the event loop alive: a never-settling import holds no handle of its own.
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new PluginLoadError(record, `importing it did not finish within ${ms} ms (a top-level await that never settles?); fix the plugin, or raise INTEGRATIONS_PLUGIN_TIMEOUT_MS`)),
      ms,
    );
  });
  try {
    return await Promise.race([run.runtime.importModule(entry.url), timeout]);
  } catch (error) {
    if (error instanceof PluginLoadError) throw error;
    throw new PluginLoadError(record, await importFailure(error, entry.url), { cause: error });
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs `build` (the plugin's `build` through core's `buildBlock`) so that any failure names the
 * plugin package: a `PluginError` (build threw, or returned an invalid block) gets the plugin as its
 * `plugin`; anything else thrown becomes such a `PluginError`.
 *
 * @throws PluginError whose `plugin` is the record's.
 */
export function withPluginNamed<T>(record: PluginRecord, build: () => T): T {
  try {
    return build();
  } catch (error) {
    const plugin = pluginRef(record);
    if (error instanceof PluginError) throw new PluginError(error.message, error.problems, { cause: error, plugin });
    throw new PluginError(`integration ${record.integration} failed to build its block: ${String((error as Error)?.message ?? error)}`, [], { cause: error, plugin });
  }
}

/**
 * `loadPlugin` for a caller that reads only the plugin's declarations (its name, description and
 * flags: `list --check`, `inspect`, completion, the check after an install): a sandboxed plugin's
 * process is ended at once instead of waiting for a build.
 */
export async function loadDeclarations(record: PluginRecord, run: PluginLoading): Promise<IntegrationPlugin> {
  const plugin = await loadPlugin(record, run);
  if (plugin instanceof SandboxedPlugin) await plugin.session.close();
  return plugin;
}

/**
 * `checkRecord` for many records, in order, a few at a time: each sandboxed plugin is a node process,
 * and 200 of them at once would take the machine's memory.
 */
export async function checkRecords(records: readonly PluginRecord[], run: PluginLoading): Promise<PluginRecord[]> {
  const checked: PluginRecord[] = Array.from({ length: records.length });
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < records.length; i = next++) checked[i] = await checkRecord(records[i]!, run);
  };
  await Promise.all(Array.from({ length: Math.min(records.length, availableParallelism() + 1) }, worker));
  return checked;
}

/**
 * Imports a record's plugin now to report its real status for `list --check` and `doctor`: `ok`
 * (with a warning when it carries its own SDK of another major), or `error` and the cause when
 * loading fails. Records that are not `ok` by their manifest are returned as they are.
 */
export async function checkRecord(record: PluginRecord, run: PluginLoading): Promise<PluginRecord> {
  if (record.status !== "ok") return record;
  try {
    const plugin = await loadDeclarations(record, run);
    const warning = await sdkCopyWarning(record);
    return { ...record, description: plugin.description, ...(warning ? { warnings: [warning] } : {}) };
  } catch (error) {
    return { ...record, status: "error", cause: error instanceof PluginLoadError ? error.message : String(error) };
  }
}

/**
 * Why an import failed, for messages. A module the plugin imports but that is not installed where
 * Node looks (an undeclared dependency, typically) gets a cause naming that package; a syntax error
 * in a module of the plugin imported from `url`, the file, line and column; anything else is the
 * error's own message.
 */
export async function importFailure(error: unknown, url?: string): Promise<string> {
  const message = String((error as Error)?.message ?? error);
  if ((error as NodeJS.ErrnoException)?.code === "ERR_MODULE_NOT_FOUND") {
    const missing = /Cannot find (package|module) '([^']+)'(?: imported from (.+))?/.exec(message);
    if (missing?.[1] === "package") {
      const from = missing[3] ? ` (imported from ${missing[3].trim()})` : "";
      // The SDK is a peer dependency (docs/design.md "Plugins"): one copy beside the plugin, installed with it.
      const declare =
        missing[2] === SDK_PACKAGE
          ? `declare it in its peerDependencies (and devDependencies, to build against it), then reinstall the plugin (a linked directory: run npm install there)`
          : "declare it in its dependencies (then reinstall the plugin)";
      return `missing dependency "${missing[2]}": the plugin imports it${from} but it is not installed where the plugin is; the plugin must ${declare}`;
    }
    if (missing) return `missing module: it imports ${missing[2]}, which does not exist${missing[3] ? ` (imported from ${missing[3].trim()})` : ""}; rebuild or reinstall the plugin`;
  }
  if (url !== undefined && error instanceof Error && error.name === "SyntaxError") {
    const { syntaxErrorAt } = await import("./syntax-error.js");
    const at = syntaxErrorAt(error, url);
    if (at !== undefined) return `SyntaxError at ${at}: ${message}; fix the code there (and rebuild the plugin, if it is built) and run again`;
  }
  return `importing it threw: ${message}`;
}
