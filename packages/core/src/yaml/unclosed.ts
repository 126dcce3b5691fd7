import type { CST } from "yaml";
import { sourceTokens } from "./cst.js";

/**
 * The offset where the first unclosed construct of a CST starts: a flow collection (`[`, `{`)
 * without its closing bracket, or a quoted scalar without its closing quote. yaml reports such an
 * error where the text ends, past the last line; this is the place a person has to look.
 */
export function unclosedStart(tokens: readonly CST.Token[]): number | undefined {
  const open: number[] = [];
  for (const token of tokens) {
    for (const span of sourceTokens(token)) {
      if (span.type === "flow-seq-start" || span.type === "flow-map-start") open.push(span.offset);
      else if (span.type === "flow-seq-end" || span.type === "flow-map-end") open.pop();
      else if ((span.type === "double-quoted-scalar" || span.type === "single-quoted-scalar") && !isClosed(span.source)) return open[0] ?? span.offset;
    }
  }
  return open[0];
}

/** Whether a quoted scalar's source ends with its own closing quote (not an escaped one). */
function isClosed(source: string): boolean {
  const quote = source[0]!;
  if (source.length < 2 || !source.endsWith(quote)) return false;
  return quote !== '"' || !/(^|[^\\])(\\\\)*\\"$/.test(source);
}
