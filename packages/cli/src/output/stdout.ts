// stdout carries what the CLI was asked for: JSON, a diff piped into `patch`, a listing, a completion
// list. Plugin code runs in the CLI's process and may print too (a console.log left in at import, a
// progress line in `build`, a timer or promise firing later, a handler at exit), and so may a
// JavaScript CLI config. So for the whole run, whatever is written to `process.stdout` goes to
// stderr, and the CLI writes its own output through `writeOut`, the one way to stdout. One redirect
// catches every way of printing (console.*, process.stdout.write with or without a callback, at any
// time), whichever entry started the run.
//
// To stderr rather than captured and shown as a warning: the text stays the plugin's own, in order
// with what it writes to stderr and when it writes it (also when the run then fails, hangs or times
// out), and nothing is held back waiting for a moment to print it, a moment that output written
// later would miss.

import type { WriteText } from "./output.js";

type Write = NodeJS.WriteStream["write"];

/**
 * From now on, what anything but the returned function writes to `process.stdout` goes to stderr;
 * the returned function writes to the real stdout (the runtime's `writeOut`). Both entries (the
 * start-up snapshot's main function and the plain entry) call it once before `main`; never at
 * snapshot build time, whose stdout is not the run's.
 */
export function keepStdoutForTheCli(): WriteText {
  const stdout = process.stdout;
  const cliWrite = stdout.write;
  stdout.write = function toStderr(...args: unknown[]): boolean {
    return Reflect.apply(process.stderr.write, process.stderr, args) as boolean;
  } as Write;
  return (text, done) => Reflect.apply(cliWrite, stdout, done ? [text, done] : [text]) as boolean;
}

/**
 * `process.stdout` as the CLI's own stream, for a library that writes to the stream it is given
 * (the prompts): its `write` is `writeOut`'s, everything else is the real stream's.
 */
export function cliStdout(writeOut: WriteText): NodeJS.WriteStream {
  const stdout = process.stdout;
  return new Proxy(stdout, {
    get(target, key) {
      if (key === "write") return (text: string, ...rest: unknown[]) => writeOut(text, rest.find((arg) => typeof arg === "function") as Parameters<WriteText>[1]);
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
