// At a prompt the terminal is in raw mode: Ctrl-C reaches the CLI as a byte (0x03), not as SIGINT,
// and the prompt library reports it as a cancel, as it does Esc. Watching stdin for that byte tells
// the two apart, so that Ctrl-C ends the run as SIGINT does (exit 130).

/** Whether Ctrl-C was typed at one of a run's prompts. */
export class CtrlCWatch {
  #pressed = false;

  /** Notes a Ctrl-C typed while `ask` runs; returns what `ask` returns. */
  async watching<T>(ask: () => Promise<T>): Promise<T> {
    const onData = (chunk: Buffer | string) => {
      if ((typeof chunk === "string" ? chunk : chunk.toString("latin1")).includes("\u0003")) this.#pressed = true;
    };
    process.stdin.on("data", onData);
    try {
      return await ask();
    } finally {
      process.stdin.off("data", onData);
    }
  }

  /** Whether Ctrl-C was typed at a prompt of this run. */
  get pressed(): boolean {
    return this.#pressed;
  }
}
