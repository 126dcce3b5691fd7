import { OUTPUT_LIMIT, type SandboxFailure } from "./session.js";
import type { SentError } from "./protocol.js";

/** What a denial of Node's permission model says the plugin tried. */
const TRIED: Record<string, (resource: string | undefined) => string> = {
  FileSystemRead: (path) => `tried to read ${path ?? "a file"}`,
  FileSystemWrite: (path) => `tried to write ${path ?? "a file"}`,
  ChildProcess: () => "tried to start a child process",
  WorkerThreads: () => "tried to start a worker",
  Inspector: () => "tried to open the inspector",
  WASI: () => "tried to start WASI",
};

/** Why a sandboxed plugin may not do such things, and the way out: trusting it is the user's call. */
const WHY = "a sandboxed plugin may only read its own package and the packages it imports, and build its block; trust it to run in process (trust: in the CLI config) only if you trust its author";

/**
 * The sandbox's own failures in words: what the plugin tried, or how it was stopped. Undefined for
 * a plugin that merely threw (not stopped by the sandbox): the caller words that as in process.
 */
export function stoppedText(failure: SandboxFailure): string | undefined {
  const phase = failure.phase === "import" ? "importing it" : "building its block";
  switch (failure.kind) {
    case "threw":
      return deniedText(failure.error);
    case "timeout":
      // An import worded as in process: a top-level await that never settles is a bug, not an attack.
      return failure.phase === "import"
        ? `importing it did not finish within ${failure.ms} ms (a top-level await that never settles?); fix the plugin, or raise INTEGRATIONS_PLUGIN_TIMEOUT_MS`
        : `the sandbox stopped it: building its block did not finish within ${failure.ms} ms; fix the plugin, or raise INTEGRATIONS_PLUGIN_TIMEOUT_MS`;
    case "output":
      return `the sandbox stopped it: it printed more than ${OUTPUT_LIMIT / 1024 / 1024} MiB while ${phase}`;
    case "answer-too-long":
      return `the sandbox stopped it: its answer while ${phase} was longer than a block can be`;
    case "ended":
      return endedText(failure, phase);
  }
}

/** A denied permission as what the plugin tried. */
export function deniedText(error: SentError): string | undefined {
  if (error.code === "ERR_DLOPEN_DISABLED") return `the sandbox stopped it: it tried to load a native addon; ${WHY}`;
  if (error.code !== "ERR_ACCESS_DENIED") return undefined;
  const tried = TRIED[error.permission ?? ""]?.(error.resource) ?? `tried to use ${error.permission ?? "an API the sandbox closes"}`;
  const undeclared = error.permission === "FileSystemRead" ? packageOf(error.resource) : undefined;
  // Most often an honest mistake: a package found in process only because it is hoisted beside the plugin.
  if (undeclared)
    return `the sandbox stopped it: it ${tried}, in package ${undeclared}, which it does not declare as a dependency; the plugin must declare it in its dependencies (then reinstall the plugin)`;
  return `the sandbox stopped it: it ${tried}; ${WHY}`;
}

function endedText(failure: Extract<SandboxFailure, { kind: "ended" }>, phase: string): string {
  // Node's exit code for a top-level await that can never settle: its event loop emptied first.
  if (failure.code === 13) return `${phase} did not finish: a top-level await that never settles (node found nothing left to wait for); fix the plugin`;
  const how = failure.signal ? `was killed by ${failure.signal}` : `ended with exit code ${failure.code ?? "unknown"}`;
  const last = failure.lastOutput.trim().split("\n").pop()?.trim();
  return `its sandboxed process ${how} while ${phase}, before answering${last ? ` (its last output: ${last.slice(0, 200)})` : ""}`;
}

/** The package a path lies in, by its last `node_modules` segment (`@scope/name` or `name`). */
function packageOf(path: string | undefined): string | undefined {
  const found = path === undefined ? null : /[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)[\\/](?:(?!node_modules[\\/]).)*$/.exec(path);
  return found?.[1]?.replace("\\", "/");
}
