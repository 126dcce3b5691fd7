import { KEY_ORDER } from "../format/key-order.js";
import { editMap } from "./edit-value.js";
import type { BlockItem } from "./locate.js";
import { renderItems } from "./render.js";
import type { BlockStyle } from "./style.js";
import { applyEdits, type Edit } from "./text-edit.js";

/** Removes an item's lines; when it was the last item, the list becomes `integrations: []`. */
export function removeItemText(text: string, items: readonly Pick<BlockItem, "start" | "end">[], index: number, colonEnd: number): string {
  const item = items[index]!;
  const edits: Edit[] = [{ from: item.start, to: item.end, insert: "" }];
  if (items.length === 1) edits.push({ from: colonEnd, to: colonEnd, insert: " []" });
  return applyEdits(text, edits);
}

/** Where an item is and how the file is laid out, for `updateItemText`. */
export interface ItemContext {
  item: BlockItem;
  dashColumn: number;
  style: BlockStyle;
  eol: string;
}

/**
 * Rewrites one item of a block list so that it holds `block`, changing as little as it can (see
 * `editMap`): unchanged values keep their lines, spelling, quoting, flow style and comments, down to
 * the entries of the auth lists and their params; a new key goes after the key that precedes it in
 * config-format.md order; keys that are not in `block` (added by hand) stay, unless `replace`, which
 * re-renders the whole item. `current` is the item's data as read (merge keys applied).
 */
export function updateItemText(text: string, context: ItemContext, current: Record<string, unknown>, block: Record<string, unknown>, replace: boolean): string {
  const { item, dashColumn, style, eol } = context;
  const map = item.value;
  const edits = !replace && map?.type === "block-map" ? editMap({ text, style, eol }, map, current, block, { keepOthers: true, order: KEY_ORDER }) : undefined;
  return applyEdits(text, edits ?? [{ from: item.start, to: item.end, insert: renderItems([block], dashColumn, style, eol) }]);
}
