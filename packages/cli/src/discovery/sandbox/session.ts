import { spawn, type ChildProcess } from "node:child_process";
import type { Readable } from "node:stream";
import { sandboxNodeArgs } from "./node-args.js";
import { FUNCTION_MARK, type Answer, type BuildRequest, type SentError } from "./protocol.js";

/** How much a sandboxed plugin may print (stdout and stderr together), in bytes, before it is stopped. */
export const OUTPUT_LIMIT = 1024 * 1024;
/** How long a plugin's process may take to end after its last answer (its pending promises and exit handlers), in ms, before it is killed. */
const GRACE_MS = 2_000;
/** How long one answer may be, in bytes: a block is a few hundred bytes; this bounds what the host holds. */
const ANSWER_LIMIT = 4 * 1024 * 1024;

/** Why a sandboxed plugin gave no answer: it threw (or was denied), or the host stopped it. */
export type SandboxFailure =
  | { kind: "threw"; phase: "import" | "build"; error: SentError }
  | { kind: "timeout"; phase: "import" | "build"; ms: number }
  | { kind: "output"; phase: "import" | "build" }
  | { kind: "answer-too-long"; phase: "import" | "build" }
  | { kind: "ended"; phase: "import" | "build"; code: number | null; signal: NodeJS.Signals | null; lastOutput: string };

/** A failure as a value, so that the caller words it with the plugin's name. */
export class SandboxStopped extends Error {
  constructor(readonly failure: SandboxFailure) {
    super(failure.kind);
  }
}

/** What the session needs from the run. */
export interface SandboxOptions {
  /** The package directories the plugin may read (read-scope.ts). */
  readable: readonly string[];
  /** The plugin package's directory: the child's working directory. */
  cwd: string;
  /** The limit of each phase (the import, the build), in ms. */
  timeoutMs: number;
  /** Where the plugin's own output goes (the user's stderr). */
  writeOutput(text: string): void;
}

/**
 * One sandboxed plugin's process: started at once, it imports the plugin's module (`entryUrl`);
 * `exported()` is its default export, functions replaced by stubs; `build()` asks it for one block.
 * Each phase is limited to `timeoutMs`; the process is killed on any failure, after the build, and
 * by `close()`. It holds the host's event loop only while a phase is awaited.
 */
export class SandboxSession {
  private readonly child: ChildProcess;
  private readonly answers: Answer[] = [];
  private waiting: ((answer: Answer | SandboxFailure) => void) | undefined;
  private failure: SandboxFailure | undefined;
  private phase: "import" | "build" = "import";
  private printed = 0;
  private lastOutput = "";
  /** Whether what the plugin printed so far ends mid-line: the CLI's next line (its error, its report) must start a line of its own. */
  private midLine = false;
  private pendingLine = "";

  constructor(
    entryUrl: string,
    private readonly options: SandboxOptions,
  ) {
    this.child = spawn(process.execPath, sandboxNodeArgs(options.readable, entryUrl), {
      cwd: options.cwd,
      env: {}, // no user variable: where env:SLACK_TOKEN points stays out of reach
      stdio: ["pipe", "pipe", "pipe", "pipe"],
    });
    this.child.on("error", (error) => this.stop({ kind: "ended", phase: this.phase, code: null, signal: null, lastOutput: error.message }));
    this.child.on("exit", (code, signal) => this.stop({ kind: "ended", phase: this.phase, code, signal, lastOutput: this.lastOutput }));
    this.child.stdin!.on("error", () => undefined); // a child that already ended: its exit says why
    for (const stream of [this.child.stdout!, this.child.stderr!]) stream.on("data", (chunk: Buffer) => this.printedChunk(chunk));
    (this.child.stdio[3] as Readable).on("data", (chunk: Buffer) => this.answerChunk(chunk));
    this.release();
  }

  /** The plugin module's default export. @throws SandboxStopped */
  async exported(): Promise<unknown> {
    const answer = await this.next("import");
    if (answer.type !== "loaded") throw new SandboxStopped({ kind: "ended", phase: "import", code: null, signal: null, lastOutput: `unexpected answer ${answer.type}` });
    return revive(answer.exported);
  }

  /** What the plugin's `build` returned for `values` (its own flags and `name`). @throws SandboxStopped */
  async build(integration: string, values: Record<string, unknown>): Promise<unknown> {
    this.phase = "build";
    const request: BuildRequest = { type: "build", integration, values };
    this.child.stdin!.write(`${JSON.stringify(request)}\n`);
    const answer = await this.next("build");
    // Waited for: the CLI ends its run with process.exit, which would cut off what the plugin prints last (a promise, an exit handler).
    await this.close();
    if (answer.type !== "built") throw new SandboxStopped({ kind: "ended", phase: "build", code: null, signal: null, lastOutput: `unexpected answer ${answer.type}` });
    return answer.block;
  }

  /**
   * Ends the plugin's process (after its build, or for a run that only needed its declarations:
   * `list --check`, `inspect`): its stdin is closed, and it is killed if it has not ended within
   * a short grace. What it prints meanwhile still reaches stderr.
   */
  async close(): Promise<void> {
    if (this.ended()) return;
    this.child.stdin!.end();
    this.hold();
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.kill();
        resolve();
      }, GRACE_MS);
      this.child.once("exit", () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Stops the plugin's process at once (a failure, a time-out). */
  kill(): void {
    if (!this.ended()) this.child.kill("SIGKILL");
  }

  private ended(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  private async next(phase: "import" | "build"): Promise<Answer> {
    this.phase = phase;
    const ready = this.answers.shift() ?? this.failure;
    const result =
      ready ??
      (await new Promise<Answer | SandboxFailure>((resolve) => {
        this.hold();
        const timer = setTimeout(() => this.stop({ kind: "timeout", phase, ms: this.options.timeoutMs }), this.options.timeoutMs);
        this.waiting = (value) => {
          clearTimeout(timer);
          this.waiting = undefined;
          this.release();
          resolve(value);
        };
      }));
    if ("kind" in result) throw new SandboxStopped(result);
    if (result.type === "failed") {
      this.kill();
      this.endLine();
      throw new SandboxStopped({ kind: "threw", phase: result.phase, error: result.error });
    }
    return result;
  }

  /** Records the first failure, kills the child, and wakes a waiting phase. */
  private stop(failure: SandboxFailure): void {
    if (this.failure === undefined) {
      // An answer that arrived before the exit is the child's last word: it wins over "ended".
      this.failure = failure;
      this.kill();
    }
    this.endLine();
    const waiting = this.waiting;
    if (!waiting) return;
    const ready = this.answers.shift();
    waiting(ready ?? this.failure);
  }

  private printedChunk(chunk: Buffer): void {
    this.printed += chunk.length;
    if (this.printed > OUTPUT_LIMIT) return this.stop({ kind: "output", phase: this.phase });
    const text = chunk.toString("utf8");
    this.lastOutput = (this.lastOutput + text).slice(-2000);
    this.options.writeOutput(text);
    this.midLine = !text.endsWith("\n");
  }

  /** Ends the plugin's unfinished last line, so that the error or report the CLI prints next is a line of its own. */
  private endLine(): void {
    if (!this.midLine) return;
    this.midLine = false;
    this.options.writeOutput("\n");
  }

  private answerChunk(chunk: Buffer): void {
    this.pendingLine += chunk.toString("utf8");
    if (this.pendingLine.length > ANSWER_LIMIT) return this.stop({ kind: "answer-too-long", phase: this.phase });
    let end: number;
    while ((end = this.pendingLine.indexOf("\n")) >= 0) {
      const line = this.pendingLine.slice(0, end);
      this.pendingLine = this.pendingLine.slice(end + 1);
      let answer: Answer;
      try {
        answer = JSON.parse(line) as Answer;
      } catch {
        return this.stop({ kind: "ended", phase: this.phase, code: null, signal: null, lastOutput: "an answer that is not JSON" });
      }
      if (this.waiting) this.waiting(answer);
      else this.answers.push(answer);
    }
  }

  /** Keeps the host alive while a phase is awaited (its timer does too). */
  private hold(): void {
    this.child.ref();
  }

  /** Between phases (a prompt, `--help`) the child must not keep the host from exiting: it ends on its own when stdin closes. */
  private release(): void {
    this.child.unref();
    for (const stream of this.child.stdio) (stream as { unref?: () => void } | null)?.unref?.();
  }
}

/** The export as the child sent it, each function mark made a function again (never called: the build runs in the child). */
function revive(exported: unknown): unknown {
  return JSON.parse(JSON.stringify(exported ?? null), (_key, value: unknown) => (value === FUNCTION_MARK ? sandboxedFunction : value)) as unknown;
}

function sandboxedFunction(): never {
  throw new Error("a sandboxed plugin's function runs in its own process: call SandboxSession.build");
}
