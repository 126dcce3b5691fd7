import type { CST } from "yaml";

/**
 * The offset where the first unclosed construct of a CST starts: a flow collection (`[`, `{`)
 * without its closing bracket, or a quoted scalar without its closing quote. yaml reports such an
 * error where the text ends, past the last line; this is the place a person has to look.
 */
export function unclosedStart(tokens: readonly CST.Token[]): number | undefined {
  let found: number | undefined;
  const walk = (node: unknown): void => {
    if (found !== undefined || node === null || typeof node !== "object") return;
    if (Array.isArray(node)) {
      for (const child of node) walk(child);
      return;
    }
    const token = node as { type?: string; offset?: number; source?: string; end?: { type: string }[] };
    if (token.type === "flow-collection" && !token.end?.some((t) => t.type === "flow-seq-end" || t.type === "flow-map-end")) {
      found = token.offset;
      return;
    }
    if ((token.type === "double-quoted-scalar" || token.type === "single-quoted-scalar") && typeof token.source === "string") {
      const quote = token.source[0]!;
      if (token.source.length < 2 || !token.source.endsWith(quote) || (quote === '"' && /(^|[^\\])(\\\\)*\\"$/.test(token.source))) {
        found = token.offset;
        return;
      }
    }
    for (const child of Object.values(node)) walk(child);
  };
  walk(tokens);
  return found;
}
