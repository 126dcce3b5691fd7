import type { CST } from "yaml";
import { ConfigError, type FileMessage } from "../errors.js";
import { columnOf, contentEnd, nextLineStart, scalarValue } from "./cst.js";
import { detectStyle, type BlockStyle } from "./style.js";
import { describeToken } from "./token-words.js";

/** Where the `integrations` list is in a file's text, and how a new item goes in. */
export type IntegrationsLocation =
  /**
   * A block list: new items go as lines at `insertAt`, their `-` in column `dashColumn`; `items` are
   * the existing items' line ranges; `colonEnd` is the offset just after `integrations:` (and its anchor or tag, if any): where `[]` goes when the last item is removed.
   */
  | { kind: "block"; insertAt: number; dashColumn: number; style: BlockStyle; items: BlockItem[]; colonEnd: number }
  /**
   * Empty (`integrations:`, `null`, `~`) or flow style (`[]`, `[{…}]`): the text in
   * [removeFrom, removeTo) goes, and the whole list is written as block lines at `insertAt`.
   */
  | { kind: "rewrite"; removeFrom: number; removeTo: number; insertAt: number; dashColumn: number }
  /** No `integrations` key in the first document: `integrations:` and the list go at `insertAt`. */
  | { kind: "missing"; insertAt: number };

/** One item of a block list: its whole lines [start, end) and its CST value (a block map, usually). */
export interface BlockItem {
  /** The start of the line holding the item's `-`. */
  start: number;
  /** The start of the line after the item's last content (comments after it are not the item's). */
  end: number;
  value: CST.Token | null | undefined;
}

/**
 * Finds the `integrations` list of the first document in a parsed file's CST.
 *
 * @throws ConfigError when the top level is not a block map or `integrations` is not a list (saying what it is instead).
 */
export function locateIntegrations(tokens: readonly CST.Token[], text: string): IntegrationsLocation {
  const documents = tokens.filter((token): token is CST.Document => token.type === "document");
  const first = documents[0];
  if (!first || !first.value || (first.value.type === "scalar" && first.value.source === "")) {
    return { kind: "missing", insertAt: documents[1]?.offset ?? text.length };
  }
  if (first.value.type !== "block-map") throw new ConfigError(topLevelProblem(first.value, text));
  const pair = first.value.items.find((item) => scalarValue(item.key) === "integrations");
  if (!pair) return { kind: "missing", insertAt: nextLineStart(text, contentEnd(first.value)) };
  const keyColumn = columnOf(text, pair.key!.offset);
  const value = pair.value;
  if (value?.type === "block-seq") {
    const dash = value.items[0]?.start.find((token) => token.type === "seq-item-ind");
    const dashColumn = dash ? columnOf(text, dash.offset) : keyColumn + 2;
    const colon = pair.sep!.find((token) => token.type === "map-value-ind")!;
    // `integrations: &all` or `integrations: !!seq`: an emptied list's `[]` goes after the anchor or tag.
    const property = pair.sep!.filter((token) => token.type === "anchor" || token.type === "tag").at(-1);
    return {
      kind: "block",
      insertAt: nextLineStart(text, contentEnd(value)),
      dashColumn,
      style: detectStyle(value, text, dashColumn - keyColumn),
      // A comment after the last item, at the list's indentation, reads as an item without a `-`: skip it.
      items: value.items.filter((item) => item.start.some((t) => t.type === "seq-item-ind")).map((item) => blockItem(item, text)),
      colonEnd: property ? property.offset + property.source.length : colon.offset + 1,
    };
  }
  const isNull = !value || (value.type === "scalar" && /^(null|Null|NULL|~|)$/.test(value.source));
  if (isNull || (value.type === "flow-collection" && value.start.source === "[")) {
    const colon = pair.sep!.find((token) => token.type === "map-value-ind")!;
    const removeTo = value ? contentEnd(value) : colon.offset + 1;
    return {
      kind: "rewrite",
      removeFrom: colon.offset + 1,
      removeTo,
      insertAt: nextLineStart(text, value ? removeTo : colon.offset + 1),
      dashColumn: keyColumn + 2,
    };
  }
  const { line } = lineOf(text, value.offset);
  throw new ConfigError((file) => `${file}:${line}: integrations must be a list of integration blocks, not ${describeToken(value)}; write integrations: [] or list the blocks under it`);
}

/** Why a top level that is not a block map cannot be edited, and the fix. */
function topLevelProblem(value: CST.Token, text: string): FileMessage {
  const { line } = lineOf(text, value.offset);
  if (value.type === "flow-collection" && value.start.source === "{") {
    return (file) => `${file}:${line}: the top level is a map in flow style ({…}), which edits do not rewrite; write it in block style (integrations: on a line of its own) and run again`;
  }
  return (file) => `${file}:${line}: the top level must be a map with an integrations key, not ${describeToken(value)}; start the file with integrations: and list the blocks under it`;
}

/** The line range of one block-list item of `text` (see BlockItem). */
export function blockItem(item: CST.BlockSequence["items"][number], text: string): BlockItem {
  const dash = item.start.find((token) => token.type === "seq-item-ind")!;
  const last = item.value ? contentEnd(item.value) : dash.offset + 1;
  return { start: dash.offset - columnOf(text, dash.offset), end: nextLineStart(text, last), value: item.value };
}

function lineOf(text: string, offset: number): { line: number } {
  return { line: text.slice(0, offset).split("\n").length };
}
