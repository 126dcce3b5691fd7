import { CST } from "yaml";

/** A piece of source text inside a CST token: its type (`comment`, `newline`, `scalar`, …), where it starts, its text. */
export interface Span {
  type: string;
  offset: number;
  source: string;
}

/** Every piece of source text inside a CST token, in document order. */
export function* sourceTokens(token: CST.Token | undefined | null): Generator<Span> {
  if (!token) return;
  switch (token.type) {
    case "document":
      yield* token.start;
      yield* sourceTokens(token.value);
      yield* token.end ?? [];
      return;
    case "block-map":
    case "block-seq":
      for (const item of token.items) yield* itemTokens(item);
      return;
    case "flow-collection":
      yield token.start;
      for (const item of token.items) yield* itemTokens(item);
      yield* token.end;
      return;
    case "block-scalar":
      for (const prop of token.props) yield* sourceTokens(prop);
      yield { type: "scalar", offset: token.offset, source: token.source };
      return;
    case "alias":
    case "scalar":
    case "single-quoted-scalar":
    case "double-quoted-scalar":
      yield { type: token.type, offset: token.offset, source: token.source };
      yield* token.end ?? [];
      return;
    default:
      if ("source" in token) yield token;
  }
}

function* itemTokens(item: CST.CollectionItem): Generator<Span> {
  yield* item.start;
  yield* sourceTokens(item.key);
  yield* item.sep ?? [];
  yield* sourceTokens(item.value);
}

const NOT_CONTENT = new Set(["space", "newline", "comment"]);

/** The offset just past the last character of content (not space, newline or comment) inside `token`. */
export function contentEnd(token: CST.Token): number {
  let end = token.offset;
  for (const source of sourceTokens(token)) {
    if (!NOT_CONTENT.has(source.type)) end = Math.max(end, source.offset + source.source.length);
  }
  return end;
}

/** The offset just past the last character of content inside one map or list item (key, value). */
export function itemContentEnd(item: CST.CollectionItem): number {
  let end = 0;
  for (const source of itemTokens(item)) {
    if (!NOT_CONTENT.has(source.type)) end = Math.max(end, source.offset + source.source.length);
  }
  return end;
}

/** The column (0-based) of an offset in `text`. */
export function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf("\n", offset - 1) + 1);
}

/** The offset of the start of the line after the one holding `offset` (or the text's length). */
export function nextLineStart(text: string, offset: number): number {
  if (offset > 0 && text[offset - 1] === "\n") return offset;
  const lf = text.indexOf("\n", offset);
  return lf === -1 ? text.length : lf + 1;
}

/** A CST scalar key's value (`integrations`), or undefined for anything else. */
export function scalarValue(token: CST.Token | null | undefined): string | undefined {
  if (!token) return undefined;
  return CST.isScalar(token) ? CST.resolveAsScalar(token)?.value : undefined;
}
