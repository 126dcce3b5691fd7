import { styleText } from "node:util";

/** Where a piece of text goes: colour depends on that stream, not on the other one. */
export type Channel = "stdout" | "stderr";

/** What deciding on colour looks at: a stream's `isTTY` and, on a terminal, its `hasColors()`. */
export interface ColorTarget {
  isTTY?: boolean;
  hasColors?: (count?: number) => boolean;
}

/**
 * Whether text written to `stream` may carry ANSI colour: never when `NO_COLOR` is set to anything
 * but the empty string (no-color.org); always when `FORCE_COLOR` is set and not `0`/`false` (Node's
 * convention, for pagers and CI logs that render colour); else only on a terminal that says it has
 * colours (`TERM=dumb` has none).
 */
export function colorEnabled(stream: ColorTarget, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== "0" && force !== "false";
  if (!stream.isTTY) return false;
  return stream.hasColors?.() ?? true;
}

// Decided at each use, not memoised: a memo would be run state in a module, and the check is an
// environment lookup and the stream's own answer.
function enabled(channel: Channel): boolean {
  return colorEnabled(channel === "stdout" ? process.stdout : process.stderr);
}

export type Format = Parameters<typeof styleText>[0] & string;

/**
 * `text` in `format` (`"red"`, `"bold"`, …) when `channel` may carry colour, else unchanged. The
 * decision is ours (`colorEnabled`): `styleText` is told not to check the stream again, which Node 20
 * releases before 20.18 never did anyway.
 */
export function paint(channel: Channel, format: Format, text: string): string {
  if (!enabled(channel)) return text;
  return (styleText as (f: Format, t: string, o?: { validateStream?: boolean }) => string)(format, text, { validateStream: false });
}

/** The `error:` prefix of error lines on stderr. */
export const errorPrefix = (): string => paint("stderr", "red", "error:");

/** The `warning:` prefix of warning lines on stderr. */
export const warningPrefix = (): string => paint("stderr", "yellow", "warning:");
