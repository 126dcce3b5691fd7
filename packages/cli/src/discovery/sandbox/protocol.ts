// What the host and a sandboxed plugin's process say to each other. The child answers on file
// descriptor 3, one JSON line per answer: its stdout and stderr belong to the plugin (whatever it
// prints, even with `fs.writeSync(1, …)`), so the answers cannot travel there. The host asks on the
// child's stdin, one JSON line per request; the child ends when stdin closes.

/** Stands for a function in a plugin's export: functions cannot cross as JSON, and the shape check only asks whether `build` is one. */
export const FUNCTION_MARK = "[sandboxed function]";

/** An error as it crosses: enough to tell what the plugin tried (`code`, `permission`, `resource`) and to word it as an in-process error would be. */
export interface SentError {
  name: string;
  message: string;
  code?: string;
  /** Node's permission model: `FileSystemRead`, `FileSystemWrite`, `ChildProcess`, `WorkerThreads`. */
  permission?: string;
  /** The path a denied file access named. */
  resource?: string;
  stack?: string;
}

/** The host's one request after the import: build the block of `integration` from the plugin's own flag values. */
export interface BuildRequest {
  type: "build";
  integration: string;
  values: Record<string, unknown>;
}

/** The child's answers: the module's default export (functions marked), a built block, or what was thrown. */
export type Answer = { type: "loaded"; exported: unknown } | { type: "built"; block: unknown } | { type: "failed"; phase: "import" | "build"; error: SentError };
