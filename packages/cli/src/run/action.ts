/**
 * Turns a command (`(…args) → exit code`) into a commander action: commander ignores what an action
 * returns, so the code is kept for `main` to return (see `declareProgram`).
 */
export type Settle = <A extends unknown[]>(command: (...args: A) => number | Promise<number>) => (...args: A) => Promise<void>;

/** A `Settle` and the exit code of the command it ran last (0 when none ran: `--help`, `--version`). */
export function exitCodeKeeper(): { settle: Settle; exitCode: () => number } {
  let code = 0;
  const settle: Settle =
    (command) =>
    async (...args) => {
      code = await command(...args);
    };
  return { settle, exitCode: () => code };
}
