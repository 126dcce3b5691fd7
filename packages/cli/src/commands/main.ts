import { maskSecretsInMessage, RESERVED_NAMES } from "@integrations/core/base";
import { reportError } from "../output/report.js";
import { bugsUrl } from "../runtime/package-dir.js";
import { makeRuntime, type Runtime } from "../runtime/runtime.js";
import { afterSwitches } from "./integration/switches.js";
import { debugRequested, jsonRequested, startRun } from "../run/run.js";

/** `-help`, `-json`, `-dry-run` → `--help`, … for the command words, as the integration commands accept them. */
function goStyle(argv: readonly string[]): string[] {
  const end = argv.indexOf("--");
  return argv.map((arg, i) => ((end === -1 || i < end) && /^-[a-zA-Z][a-zA-Z0-9-]+(=.*)?$/s.test(arg) ? `-${arg}` : arg));
}

/** `-v` as the command word is `-V` (`--version`), as many CLIs spell it; commander takes one short flag. */
function versionAlias(argv: readonly string[]): readonly string[] {
  return argv[0] === "-v" ? ["-V", ...argv.slice(1)] : argv;
}

/**
 * Runs the CLI on `argv` (without `node` and the script) and returns the exit code. Integration
 * commands (`integrations slack …`, `integrations update slack …`) are routed here; the other command
 * words and `--help` go to commander. With `--json`, an error is also printed as JSON on stdout.
 * `runtime` is what the process entry knows about how it started (runtime.ts).
 */
export async function main(argv: readonly string[], cwd = process.cwd(), runtime: Runtime = makeRuntime()): Promise<number> {
  if (argv[0] === "__complete") return (await import("./complete.js")).printCompletions(argv.slice(1), cwd, runtime);
  const debug = debugRequested(argv);
  const json = jsonRequested(argv);
  try {
    const { run, rest } = startRun(argv, cwd, runtime);
    const [first] = rest;
    const at = afterSwitches(rest, 1);
    const target = rest[at];
    if (first !== undefined && !first.startsWith("-") && !RESERVED_NAMES.includes(first)) {
      const { runIntegration } = await import("./integration/command.js");
      return await runIntegration(run, { name: first, argv: rest.slice(1) });
    }
    if (first === "update" && target !== undefined && !target.startsWith("-")) {
      const { runIntegration } = await import("./integration/command.js");
      // update's own switches may come before the integration (`update --add slack`).
      return await runIntegration(run, { name: target, argv: [...rest.slice(1, at), ...rest.slice(at + 1)], mode: "update" });
    }
    const { buildProgram } = await import("./program.js");
    const { program, exitCode } = await buildProgram(run);
    await program.parseAsync(goStyle(versionAlias(rest)), { from: "user" });
    return exitCode();
  } catch (error) {
    // commander has printed its own message (help, version, or a usage error).
    const commander = String((error as { code?: unknown })?.code).startsWith("commander.");
    const reported = commander
      ? { exitCode: (error as { exitCode: number }).exitCode === 0 ? 0 : 2, message: maskSecretsInMessage((error as Error).message.replace(/^error: /, "")) }
      : reportError(error, debug, bugsUrl());
    if (json && reported.exitCode !== 0) runtime.writeOut(`${JSON.stringify({ status: "error", exitCode: reported.exitCode, error: reported.message })}\n`);
    return reported.exitCode;
  }
}
