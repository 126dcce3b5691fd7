// The process a sandboxed plugin runs in (started by session.ts under Node's permission model). It
// imports the plugin, sends its default export, waits for one build request, answers it, and ends.
// Besides Node's own modules it imports only its siblings and default-export.js: it may read only
// those and the plugin's packages (session.ts).
import { writeSync } from "node:fs";
import { createInterface } from "node:readline";
import { pluginExport } from "../default-export.js";
import { FUNCTION_MARK, type Answer, type BuildRequest, type SentError } from "./protocol.js";

const ANSWERS_FD = 3;

function answer(message: Answer): void {
  writeSync(ANSWERS_FD, `${JSON.stringify(message, (_key, value: unknown) => (typeof value === "function" ? FUNCTION_MARK : value))}\n`);
}

function sent(error: unknown): SentError {
  const e = (error ?? {}) as Partial<SentError> & { name?: unknown; message?: unknown };
  const text = (value: unknown) => (typeof value === "string" ? value : undefined);
  return {
    name: text(e.name) ?? "Error",
    message: text(e.message) ?? String(error),
    ...(text(e.code) ? { code: text(e.code) } : {}),
    ...(text(e.permission) ? { permission: text(e.permission) } : {}),
    ...(text(e.resource) ? { resource: text(e.resource) } : {}),
    ...(text(e.stack) ? { stack: text(e.stack) } : {}),
  };
}

/** Imports the plugin at `entry`, answers with its export, then builds once when asked. */
async function serve(entry: string): Promise<void> {
  let phase: "import" | "build" = "import";
  // A denial or throw outside the awaited import or build (a timer, a promise nobody awaits) is still the plugin's doing.
  const fail = (error: unknown) => {
    answer({ type: "failed", phase, error: sent(error) });
    process.exit(1);
  };
  process.on("uncaughtException", fail);
  process.on("unhandledRejection", fail);

  let exported: unknown;
  try {
    // Read as in process, here: what marks compiled CommonJS (`__esModule`) is not enumerable and would not cross as JSON.
    exported = pluginExport(await import(entry));
    answer({ type: "loaded", exported });
  } catch (error) {
    fail(error);
  }

  // After its one answer (or when the host closes stdin first) the child stops listening and ends as a
  // node process does, once nothing is left to run: what the plugin still has pending (a promise, an
  // exit handler) runs, as it would in the CLI's process. The host waits a little, then kills it.
  const lines = createInterface({ input: process.stdin });
  const stopListening = () => {
    lines.close();
    process.stdin.destroy();
  };
  lines.once("line", (line) => {
    phase = "build";
    stopListening();
    const request = JSON.parse(line) as BuildRequest;
    try {
      const plugin = chosen(exported, request.integration);
      answer({ type: "built", block: plugin.build(request.values, { integration: request.integration }) });
    } catch (error) {
      fail(error);
    }
  });
  lines.once("close", stopListening);
}

await serve(process.argv[2]!);

/** The plugin of `integration` in the export the host has already checked. */
function chosen(value: unknown, integration: string): { build: (values: unknown, ctx: unknown) => unknown } {
  const list = (Array.isArray(value) ? value : [value]) as { name?: unknown; build: (values: unknown, ctx: unknown) => unknown }[];
  return list.find((plugin) => plugin?.name === integration) ?? list[0]!;
}
