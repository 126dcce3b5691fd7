/**
 * Ends the process with `code` once everything written to stdout and stderr has been handed to the
 * OS. Exiting explicitly, rather than when the event loop drains, means that a plugin whose import
 * timed out but still holds a timer or a socket cannot keep the CLI alive; waiting for the streams
 * first means that a long output into a slow pipe (`integrations list --configured --json | less`)
 * is never cut short. (A write's callback runs after every earlier write on that stream.)
 */
export function exitAfterOutput(code: number): void {
  process.exitCode = code;
  process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
}
