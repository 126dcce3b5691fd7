/**
 * `integrations --help | head` closes the pipe early: that is not an error. Makes an EPIPE on stdout
 * or stderr end the run quietly with the exit code so far; any other stream error is rethrown.
 */
export function endQuietlyOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
}
