import { RESERVED_NAMES } from "@integrations/core";
import { takeGlobalFlags } from "./global-flags.js";
import { reportError } from "./report.js";

/**
 * Runs the CLI on `argv` (without `node` and the script) and returns the exit code. Integration
 * commands (`integrations slack …`) are routed here, the command words and `--help` go to commander.
 */
export async function main(argv: readonly string[], cwd = process.cwd()): Promise<number> {
  const debug = argv.includes("--debug") || argv.includes("-debug");
  try {
    const { file, rest } = takeGlobalFlags(argv);
    const first = rest[0];
    const files = file !== undefined ? { file } : {};
    if (first !== undefined && !first.startsWith("-") && !RESERVED_NAMES.includes(first)) {
      const { runIntegration } = await import("./commands/integration.js");
      return await runIntegration({ name: first, argv: rest.slice(1), cwd, ...files });
    }
    const target = rest[1];
    if (first === "update" && target !== undefined && !target.startsWith("-")) {
      const { runIntegration } = await import("./commands/integration.js");
      return await runIntegration({ name: target, argv: rest.slice(2), cwd, mode: "update", ...files });
    }
    const { buildProgram } = await import("./program.js");
    const { program, exitCode } = await buildProgram(cwd, file);
    await program.parseAsync(rest, { from: "user" });
    return exitCode();
  } catch (error) {
    // commander has printed its own message (help, version, or a usage error).
    if (String((error as { code?: unknown })?.code).startsWith("commander.")) {
      return (error as { exitCode: number }).exitCode === 0 ? 0 : 2;
    }
    return reportError(error, debug);
  }
}
