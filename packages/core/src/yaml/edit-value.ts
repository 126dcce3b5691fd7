import { isDeepStrictEqual } from "node:util";
import type { CST } from "yaml";
import { columnOf, contentEnd, itemContentEnd, nextLineStart, scalarValue } from "./cst.js";
import { renderFlow, renderItems, renderPair, renderScalar, type Quoting } from "./render.js";
import type { BlockStyle } from "./style.js";
import type { Edit } from "./text-edit.js";

/** The text being edited (an item's lines or the whole file) and how new lines are laid out. */
export interface EditContext {
  text: string;
  style: BlockStyle;
  eol: string;
}

type Data = Record<string, unknown>;
type Pair = CST.BlockMap["items"][number];
type Entry = CST.BlockSequence["items"][number];

/** How `editMap` treats keys: `keepOthers` leaves keys absent from the target alone; `order` places new keys. */
export interface MapOptions {
  keepOthers: boolean;
  /** Key order for new keys (see `insertionPoint`). */
  order: readonly string[];
}

const QUOTING: Record<string, Quoting> = { scalar: "plain", "single-quoted-scalar": "single", "double-quoted-scalar": "double" };

/**
 * The edits that make the block mapping `map` (read as `current`) read as `target`, touching only
 * what differs: a key whose value is unchanged keeps its lines, spelling and comments; a changed
 * scalar is replaced where it stands (the line's comment stays, its quotes are kept where the new
 * value allows); changed mappings and lists are edited the same way, entry by entry; a value that
 * cannot be edited in place (another kind of value, an anchor or tag, a block scalar, a flow
 * collection that no longer fits one line) is re-rendered as a whole pair. Undefined when `map`
 * itself cannot be edited in place (no keys; a `<<` merge key or a first key after a `- ` where
 * keys would go), for the caller to re-render.
 */
export function editMap(context: EditContext, map: CST.BlockMap, current: Data, target: Data, options: MapOptions): Edit[] | undefined {
  const { text, style, eol } = context;
  const pairs = new Map<string, Pair>();
  for (const pair of map.items) {
    const key = scalarValue(pair.key);
    if (key === undefined || !pair.key) continue;
    // Merged keys are not in the text: only the top level, which never removes a key, edits around them.
    if (key === "<<" && pair.key.type === "scalar" && !options.keepOthers) return undefined;
    pairs.set(key, pair);
  }
  const first = pairs.values().next().value;
  if (!first) return undefined;
  const keyColumn = columnOf(text, first.key!.offset);
  const edits: Edit[] = [];
  for (const [key, value] of Object.entries(target)) {
    if (value === undefined || (Object.hasOwn(current, key) && isDeepStrictEqual(current[key], value))) continue;
    const pair = pairs.get(key);
    if (pair) {
      edits.push(...editPair(context, key, pair, current[key], value));
      continue;
    }
    const at = insertionPoint(text, key, pairs, options.order);
    edits.push(lineInsert(text, at, " ".repeat(keyColumn) + renderPair(key, value, keyColumn, style, eol), eol));
  }
  if (options.keepOthers) return edits;
  for (const [key, pair] of pairs) {
    if (target[key] !== undefined) continue;
    const from = lineStartOf(text, pair.key!.offset);
    if (from === undefined) return undefined;
    edits.push({ from, to: nextLineStart(text, itemContentEnd(pair)), insert: "" });
  }
  return edits;
}

/** The edits for one changed `key: value` pair: in place where it can, else the pair re-rendered. */
function editPair(context: EditContext, key: string, pair: Pair, current: unknown, target: unknown): Edit[] {
  const { text, style, eol } = context;
  const property = pair.sep?.some((token) => token.type === "anchor" || token.type === "tag");
  const inPlace = pair.value && !property ? editNode(context, pair.value, current, target) : undefined;
  if (inPlace) return inPlace;
  const from = pair.key!.offset;
  return [{ from, to: nextLineStart(text, itemContentEnd(pair)), insert: renderPair(key, target, columnOf(text, from), style, eol) }];
}

/** The edits that make one value token read as `target`, or undefined when it must be re-rendered whole. */
function editNode(context: EditContext, node: CST.Token, current: unknown, target: unknown): Edit[] | undefined {
  const { text } = context;
  switch (node.type) {
    case "scalar":
    case "single-quoted-scalar":
    case "double-quoted-scalar":
      if ((typeof target === "object" && target !== null) || node.source === "") return undefined;
      return [{ from: node.offset, to: node.offset + node.source.length, insert: renderScalar(target, QUOTING[node.type]) }];
    case "flow-collection": {
      if (typeof target !== "object" || target === null) return undefined;
      const each = editFlowScalars(context, node, current, target);
      if (each) return each;
      const flow = renderFlow(target, /^[[{][ \t]/.test(text.slice(node.start.offset, node.start.offset + 2)));
      return flow === undefined ? undefined : [{ from: node.start.offset, to: contentEnd(node), insert: flow }];
    }
    case "block-map":
      if (!isMap(current) || !isMap(target) || Object.keys(target).length === 0) return undefined;
      return editMap(context, node, current, target, { keepOthers: false, order: Object.keys(target) });
    case "block-seq":
      if (!Array.isArray(current) || !Array.isArray(target) || target.length === 0) return undefined;
      return editSeq(context, node, current, target);
    default:
      return undefined;
  }
}

/** A flow list of as many scalars as `target` has, edited scalar by scalar (each keeps its quotes), or undefined. */
function editFlowScalars(context: EditContext, flow: CST.FlowCollection, current: unknown, target: object): Edit[] | undefined {
  if (!Array.isArray(current) || !Array.isArray(target) || current.length !== target.length || flow.items.length !== target.length) return undefined;
  if (flow.items.some((item) => item.key || item.sep || !item.value || !(item.value.type in QUOTING))) return undefined;
  const edits: Edit[] = [];
  for (const [i, item] of flow.items.entries()) {
    if (isDeepStrictEqual(current[i], target[i])) continue;
    const edit = editNode(context, item.value!, current[i], target[i]);
    // A plain scalar written for a block context may hold what ends a flow item (`a,b`): render the list whole.
    if (!edit || (!/^['"]/.test(edit[0]!.insert) && /[,[\]{}]/.test(edit[0]!.insert))) return undefined;
    edits.push(...edit);
  }
  return edits;
}

/**
 * The edits that make a block list read as `target`, entry by entry in order: entries past the
 * target's length go (their lines), new ones are added after the last at the list's own `-` column.
 */
function editSeq(context: EditContext, seq: CST.BlockSequence, current: readonly unknown[], target: readonly unknown[]): Edit[] | undefined {
  const { text, style, eol } = context;
  const entries = seq.items.filter((entry) => entry.start.some((token) => token.type === "seq-item-ind"));
  const starts = entries.map((entry) => lineStartOf(text, dashOf(entry).offset));
  if (entries.length !== current.length || starts.some((start) => start === undefined)) return undefined;
  const dashColumn = columnOf(text, dashOf(entries[0]!).offset);
  const edits: Edit[] = [];
  const common = Math.min(entries.length, target.length);
  for (let i = 0; i < common; i++) {
    if (isDeepStrictEqual(current[i], target[i])) continue;
    const entry = entries[i]!;
    const property = entry.start.some((token) => token.type === "anchor" || token.type === "tag");
    const inPlace = entry.value && !property ? editNode(context, entry.value, current[i], target[i]) : undefined;
    edits.push(...(inPlace ?? [{ from: starts[i]!, to: nextLineStart(text, itemContentEnd(entry)), insert: renderItems([target[i]], dashColumn, style, eol) }]));
  }
  const end = nextLineStart(text, itemContentEnd(entries.at(-1)!));
  if (target.length > entries.length) edits.push(lineInsert(text, end, renderItems(target.slice(entries.length), dashColumn, style, eol), eol));
  if (target.length < entries.length) edits.push({ from: starts[target.length]!, to: end, insert: "" });
  return edits;
}

/**
 * After the present key that comes last among those before `key` in `order`; else before the first
 * present key that comes after it (when that key starts its line); else after the last key.
 */
function insertionPoint(text: string, key: string, pairs: Map<string, Pair>, order: readonly string[]): number {
  const rank = order.indexOf(key);
  let after: number | undefined;
  let before: { rank: number; at: number | undefined } | undefined;
  let last = 0;
  for (const [present, pair] of pairs) {
    const end = nextLineStart(text, itemContentEnd(pair));
    last = Math.max(last, end);
    const r = order.indexOf(present);
    if (r === -1 || rank === -1) continue;
    if (r < rank && (after === undefined || end > after)) after = end;
    if (r > rank && (before === undefined || r < before.rank)) before = { rank: r, at: lineStartOf(text, pair.key!.offset) };
  }
  return after ?? before?.at ?? last;
}

/** An insertion of whole lines at a line start, after a line break when `at` ends an unterminated last line. */
function lineInsert(text: string, at: number, lines: string, eol: string): Edit {
  return { from: at, to: at, insert: at > 0 && text[at - 1] !== "\n" ? eol + lines : lines };
}

/** The start of the line holding `offset` when only spaces come before it there, else undefined (after a `- `). */
function lineStartOf(text: string, offset: number): number | undefined {
  const start = offset - columnOf(text, offset);
  return /^ *$/.test(text.slice(start, offset)) ? start : undefined;
}

function dashOf(entry: Entry): CST.SourceToken {
  return entry.start.find((token) => token.type === "seq-item-ind")!;
}

function isMap(value: unknown): value is Data {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
