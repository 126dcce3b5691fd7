import { Parser, type CST } from "yaml";
import { InternalError } from "../errors.js";
import { blockItem, type BlockItem } from "./locate.js";
import { detectStyle, fallbackStyle, type BlockStyle } from "./style.js";
import { composeTokens, documentData } from "./parse.js";

/** One item of a block list parsed on its own: its lines and their CST. */
export interface ParsedItem {
  /** The item's lines, `[start, end)` of the file's text; offsets below are relative to it. */
  window: string;
  /** Where `window` starts in the file's text. */
  start: number;
  tokens: CST.Token[];
  /** The item as a block-list item of `window` (start 0), or undefined when the lines do not hold one item. */
  item: BlockItem | undefined;
  /** The one-item block list `window` parses to, or undefined. */
  list: CST.BlockSequence | undefined;
}

/**
 * Parses the lines `[start, end)` of `text`, which should hold exactly one item of a block list (as
 * `scanIntegrations` finds them), into a CST of their own: a few hundred bytes instead of the file.
 */
export function parseItemLines(text: string, start: number, end: number): ParsedItem {
  const window = text.slice(start, end);
  const tokens = [...new Parser().parse(window)];
  const document = tokens.find((token): token is CST.Document => token.type === "document");
  const value = document?.value;
  const entries = value?.type === "block-seq" ? value.items.filter((entry) => entry.start.some((t) => t.type === "seq-item-ind")) : [];
  if (value?.type !== "block-seq" || entries.length !== 1) return { window, start, tokens, item: undefined, list: undefined };
  return { window, start, tokens, item: blockItem(entries[0]!, window), list: value };
}

/**
 * The data of a parsed item, read as the proxy reads the whole file (the same composer options);
 * problems are reported at their line and column in `text`, the file's whole text.
 *
 * @throws ConfigError `file:line:col: …` for malformed YAML or a duplicate key inside the item, or
 *   InternalError when the lines are not one block mapping in a list.
 */
export function composeItem(parsed: ParsedItem, text: string): Record<string, unknown> {
  const documents = composeTokens(parsed.tokens, parsed.window.length, (offset) => positionOf(text, parsed.start + offset));
  const data = documentData(documents[0]);
  if (!parsed.item || !Array.isArray(data) || data.length !== 1 || typeof data[0] !== "object" || data[0] === null || Array.isArray(data[0])) {
    throw new InternalError((file) => `the lines at ${file}:${positionOf(text, parsed.start).line} are not one integration block`);
  }
  return data[0] as Record<string, unknown>;
}

/** The nesting style of a list whose first item is `first` and whose dashes stand `listIndent` columns right of its key. */
export function itemStyle(first: ParsedItem, listIndent: number): BlockStyle {
  return first.list ? detectStyle(first.list, first.window, listIndent) : fallbackStyle(listIndent);
}

/** The 1-based line and column of `offset` in `text`. */
export function positionOf(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let lf = text.indexOf("\n"); lf !== -1 && lf < offset; lf = text.indexOf("\n", lf + 1)) {
    line++;
    lineStart = lf + 1;
  }
  return { line, col: offset - lineStart + 1 };
}
