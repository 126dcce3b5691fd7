import type { CST } from "yaml";
import { columnOf } from "./cst.js";

/** How the file lays out nested collections, so that new lines look like their neighbours. */
export interface BlockStyle {
  /** Spaces per nesting level (2 in a new file; the Go tool writes 4). */
  indent: number;
  /** Whether a sequence under a key is indented (`key:\n  - x`) or not (`key:\n- x`). */
  indentSeq: boolean;
  /**
   * Whether a collection under a key starts at the next multiple of `indent` rather than `indent`
   * columns right of the key: the Go tool's yaml.v3 layout, where keys after `- ` stand 2 columns
   * right of the dash and everything else is aligned (`- type:` at 8, `params:` at 10, `secrets:` at
   * 12, its `-` at 16).
   */
  align: boolean;
}

/** The column where a collection under a key in `keyColumn` starts (its keys, or its `-`). */
export function childColumn(keyColumn: number, kind: "map" | "seq", style: BlockStyle): number {
  if (kind === "seq" && !style.indentSeq) return keyColumn;
  const { indent } = style;
  return style.align ? indent * Math.floor((keyColumn + indent) / indent) : keyColumn + indent;
}

/**
 * The style when the file shows none (its first block has no nested collection): the list's own
 * indent (`listIndent`: dash column minus key column) sets it, and a list at 4 is taken for the Go
 * tool's aligned layout, the one common writer of 4-space config files.
 */
export function fallbackStyle(listIndent: number): BlockStyle {
  return { indent: listIndent >= 4 ? 4 : 2, indentSeq: listIndent > 0, align: listIndent === 4 };
}

/** One nested collection seen in the file: the key's column, the collection's column, its kind. */
interface Seen {
  keyColumn: number;
  column: number;
  kind: "map" | "seq";
}

/**
 * Reads the nesting style from the first item's own nested collections, falling back on
 * `fallbackStyle(listIndent)`. A file whose nested collections all stand where the aligned layout
 * puts them, some of them where a fixed indent would not, is aligned; otherwise the first nested
 * mapping gives the indent and the first nested sequence whether sequences are indented.
 */
export function detectStyle(list: CST.BlockSequence, text: string, listIndent: number): BlockStyle {
  const fallback = fallbackStyle(listIndent);
  const item = list.items[0]?.value;
  const seen = item?.type === "block-map" ? nestedCollections(item, text) : [];
  if (seen.length === 0) return fallback;
  const aligned: BlockStyle = { indent: listIndent, indentSeq: true, align: true };
  const fixed: BlockStyle = { indent: listIndent, indentSeq: true, align: false };
  const fits = (style: BlockStyle) => seen.every((s) => s.column === childColumn(s.keyColumn, s.kind, style));
  if (listIndent >= 3 && fits(aligned) && !fits(fixed)) return aligned;
  const map = seen.find((s) => s.kind === "map");
  const seq = seen.find((s) => s.kind === "seq");
  const indent = map ? map.column - map.keyColumn : fallback.indent;
  return { indent: indent < 1 ? 2 : indent, indentSeq: seq ? seq.column > seq.keyColumn : fallback.indentSeq, align: false };
}

/** The block collections under keys inside `map`, in document order. */
function nestedCollections(map: CST.BlockMap, text: string): Seen[] {
  const seen: Seen[] = [];
  const walk = (current: CST.BlockMap) => {
    for (const pair of current.items) {
      const child = pair.value;
      if (!pair.key || (child?.type !== "block-map" && child?.type !== "block-seq")) continue;
      seen.push({ keyColumn: columnOf(text, pair.key.offset), column: columnOf(text, child.offset), kind: child.type === "block-map" ? "map" : "seq" });
      if (child.type === "block-map") walk(child);
      else for (const entry of child.items) if (entry.value?.type === "block-map") walk(entry.value);
    }
  };
  walk(map);
  return seen;
}
