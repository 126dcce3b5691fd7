import { isDeepStrictEqual } from "node:util";
import { KEY_ORDER } from "../build.js";
import { columnOf, itemContentEnd, nextLineStart, scalarValue } from "./cst.js";
import type { BlockItem } from "./locate.js";
import type { BlockStyle } from "./style.js";
import { renderItems, renderPair } from "./render.js";

/** One change to a text: replace [from, to) with `insert`. */
interface Edit {
  from: number;
  to: number;
  insert: string;
}

/** Applies edits made against the same original text, last first; edits at one offset keep their order. */
function apply(text: string, edits: Edit[]): string {
  const ordered = edits.map((edit, index) => ({ edit, index })).sort((a, b) => b.edit.from - a.edit.from || b.index - a.index);
  return ordered.reduce((out, { edit }) => out.slice(0, edit.from) + edit.insert + out.slice(edit.to), text);
}

/** Removes an item's lines; when it was the last item, the list becomes `integrations: []`. */
export function removeItemText(text: string, items: readonly Pick<BlockItem, "start" | "end">[], index: number, colonEnd: number): string {
  const item = items[index]!;
  const edits: Edit[] = [{ from: item.start, to: item.end, insert: "" }];
  if (items.length === 1) edits.push({ from: colonEnd, to: colonEnd, insert: " []" });
  return apply(text, edits);
}

/** Where an item is and how the file is laid out, for `updateItemText`. */
export interface ItemContext {
  item: BlockItem;
  dashColumn: number;
  style: BlockStyle;
  eol: string;
}

/**
 * Rewrites one item of a block list so that it holds `block`, changing as few lines as it can:
 * a key whose value is unchanged keeps its lines (and comments); a changed key's lines are
 * re-rendered; a new key goes after the key that precedes it in config-format.md order; keys that
 * are not in `block` (added by hand) stay, unless `replace`, which re-renders the whole item.
 * `current` is the item's data as read (merge keys applied).
 */
export function updateItemText(text: string, context: ItemContext, current: Record<string, unknown>, block: Record<string, unknown>, replace: boolean): string {
  const { item, dashColumn, style, eol } = context;
  const map = item.value;
  if (replace || map?.type !== "block-map") {
    return apply(text, [{ from: item.start, to: item.end, insert: renderItems([block], dashColumn, style, eol) }]);
  }
  const pairs = new Map<string, { from: number; to: number }>();
  for (const pair of map.items) {
    const key = scalarValue(pair.key);
    if (key === undefined || !pair.key) continue;
    pairs.set(key, { from: pair.key.offset, to: nextLineStart(text, itemContentEnd(pair)) });
  }
  const keyColumn = columnOf(text, map.items[0]!.key!.offset);
  const edits: Edit[] = [];
  for (const [key, value] of Object.entries(block)) {
    const at = pairs.get(key);
    if (at) {
      if (!isDeepStrictEqual(current[key], value)) {
        edits.push({ from: at.from, to: at.to, insert: renderPair(key, value, keyColumn, style, eol) });
      }
      continue;
    }
    const point = insertionPoint(key, pairs);
    edits.push({ from: point, to: point, insert: " ".repeat(keyColumn) + renderPair(key, value, keyColumn, style, eol) });
  }
  return apply(text, edits);
}

/** After the present key that comes last among those before `key` in config-format.md order, else after the last key. */
function insertionPoint(key: string, pairs: Map<string, { to: number }>): number {
  const order = KEY_ORDER as readonly string[];
  const rank = order.indexOf(key);
  let best: number | undefined;
  for (const [present, range] of pairs) {
    const r = order.indexOf(present);
    if (r !== -1 && r < rank && (best === undefined || range.to > best)) best = range.to;
  }
  return best ?? Math.max(...[...pairs.values()].map((range) => range.to));
}
