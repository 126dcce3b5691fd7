import { UsageError } from "@integrations/core";
import type { CtrlCWatch } from "./ctrl-c.js";

/** What a run's prompts write to (the CLI's own stdout, see stdout.ts) and what tells Ctrl-C from a cancel. */
export interface PromptIo {
  output: NodeJS.WriteStream;
  ctrlC: CtrlCWatch;
}

/** What decides whether the CLI may ask: the two streams and the environment. */
export interface Terminal {
  stdin: { isTTY?: boolean };
  stdout: { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

/**
 * Whether missing required flags may be asked for interactively: stdin and stdout are both a
 * terminal, `CI` is not `true`, and `--no-input` was not given. Otherwise the command keeps failing
 * with exit 2, naming every missing flag.
 */
export function canPrompt(noInput: boolean, terminal: Terminal = process): boolean {
  return !noInput && terminal.stdin.isTTY === true && terminal.stdout.isTTY === true && terminal.env.CI !== "true";
}

/**
 * The keys of the missing required flags when they are a usage error's only problem (no unknown
 * flag, no flag without its value); otherwise none, and the error stands.
 */
export function onlyMissingFlags(error: unknown): readonly string[] {
  return error instanceof UsageError && error.problems.length === 1 ? error.missing : [];
}
