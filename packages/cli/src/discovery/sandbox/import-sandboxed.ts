import type { PluginRecord } from "../record.js";
import { PluginLoadError } from "../load-error.js";
import { pluginEntry } from "../package.js";
import { readScope } from "./read-scope.js";
import { escapingLink } from "./links.js";
import { SandboxSession, SandboxStopped } from "./session.js";
import { stoppedText } from "./failure-text.js";
import type { SentError } from "./protocol.js";

/** A package directory of Yarn Plug'n'Play: inside a zip archive of its cache, or one of its virtual paths. */
const PNP_PATH = /\.zip([\\/]|$)|[\\/]__virtual__[\\/]/;

/**
 * Starts the record's plugin in its sandboxed process and waits for its module's default export
 * (as a namespace `{ default }`); the session stays open for the build. What the plugin prints goes
 * to stderr.
 *
 * @param timeoutMs the limit of the import, and later of the build (the run's plugin time limit).
 * @param importFailure words an error the plugin's import threw, as load.ts does in process.
 * @throws PluginLoadError naming the plugin and what it tried, or why its import failed.
 */
export async function importSandboxed(
  record: PluginRecord,
  timeoutMs: number,
  importFailure: (error: unknown, url?: string) => Promise<string>,
): Promise<{ namespace: { default: unknown }; session: SandboxSession }> {
  const entry = pluginEntry(record);
  if (!entry.ok) throw new PluginLoadError(record, entry.cause);
  if (PNP_PATH.test(record.dir)) {
    throw new PluginLoadError(
      record,
      `it is installed by Yarn Plug'n'Play, inside a zip archive the sandbox's node process cannot load it from; trust it to run in process (trust: in the CLI config) only if you trust its author, or install it as files (nodeLinker: node-modules in .yarnrc.yml)`,
    );
  }
  const readable = readScope(record.dir);
  const link = escapingLink(readable);
  if (link) {
    throw new PluginLoadError(
      record,
      `the sandbox stopped it before starting it: ${link.link} is a symbolic link leading outside its packages (to ${link.target}), which Node's permission model would follow; remove the link, or trust the plugin to run in process (trust: in the CLI config) only if you trust its author`,
    );
  }
  const session = new SandboxSession(entry.url, {
    readable,
    cwd: record.dir,
    timeoutMs,
    writeOutput: (text) => process.stderr.write(text),
  });
  try {
    return { namespace: { default: await session.exported() }, session };
  } catch (error) {
    if (!(error instanceof SandboxStopped)) throw error;
    const { failure } = error;
    const text = stoppedText(failure) ?? (failure.kind === "threw" ? await importFailure(asError(failure.error), entry.url) : failure.kind);
    throw new PluginLoadError(record, text);
  }
}

/** An error that crossed from the sandbox, as an `Error` again (for wording it as in process). */
export function asError(sent: SentError): Error {
  const error = new Error(sent.message);
  return Object.assign(error, { name: sent.name, stack: sent.stack ?? `${sent.name}: ${sent.message}`, ...(sent.code ? { code: sent.code } : {}) });
}
