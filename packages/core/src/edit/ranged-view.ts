import { isDeepStrictEqual } from "node:util";
import { InternalError } from "../errors.js";
import { insert } from "../yaml/append.js";
import { removeItemText, updateItemText } from "../yaml/edit-item.js";
import { composeItem, itemStyle, parseItemLines, type ParsedItem } from "../yaml/item.js";
import { renderItems } from "../yaml/render.js";
import { rescanEdited } from "../yaml/rescan.js";
import { scanIntegrations, type ListScan, type ScannedItem } from "../yaml/scan.js";
import type { ConfigSource } from "../yaml/source.js";
import { parseConfig } from "../yaml/parse.js";
import { otherKeysProblem, otherTopLevelKeys } from "./file-problems.js";
import { fullView } from "./full-view.js";
import { readBackError, type ConfigView, type Operation, type Outcome } from "./view.js";

/** What the new text must look like: the items' ranges and names, and the changed item's data. */
interface Plan {
  after: string;
  /** Every item's expected range in `after`; for the changed item only its start is known. */
  items: { start: number; end: number; name: string }[];
  changed?: { index: number; expected: Record<string, unknown> };
  /**
   * An unchanged item whose following text changed (the item before a removed one, or the last one
   * when a line break was added after it): it must read back as before, wherever its range ends now
   * (a `|+` block scalar at its end would take in blank lines that now follow it).
   */
  recheck?: { index: number; expected: Record<string, unknown> };
}

/**
 * A view over source ranges, for a file in the simple subset `scan` found (see `scanIntegrations`):
 * only the items an edit reads or changes (and the first, for the file's indentation) are parsed.
 * The new text is proven without parsing it whole: the bytes outside the changed lines are the old
 * ones by construction; a re-scan (of the lines around the change, see `rescanEdited`, else of the
 * whole text) must find every other item at its old range (shifted) with its old name, hence with
 * its old data; and the changed item's new lines alone must read back as exactly the expected item. Problems inside items the edit does not touch are left for `validate`.
 */
export function rangedView(source: ConfigSource, scan: ListScan): ConfigView {
  const { text, eol } = source;
  const { items, dashColumn } = scan;
  const parsedItems = new Map<number, ParsedItem>();
  const parsedItem = (index: number): ParsedItem => {
    let parsed = parsedItems.get(index);
    if (!parsed) parsedItems.set(index, (parsed = parseItemLines(text, items[index]!.start, items[index]!.end)));
    return parsed;
  };
  const item = (index: number) => composeItem(parsedItem(index), text);

  return {
    source,
    exists: true,
    names: items.map((entry) => entry.name),
    item,
    fileProblems: () => otherKeysProblem(otherTopLevelKeys(text, scan)),
    apply(operation) {
      const planned = plan(operation);
      const rescan = rescanEdited(text, scan, planned.after) ?? scanIntegrations(planned.after);
      // Left the simple subset (removing the last item leaves `integrations: []`): prove it the slow way.
      if (!rescan) return fullView(source, parseConfig(text)).apply(operation);
      return prove(planned, rescan);
    },
  };

  function plan(operation: Operation): Plan {
    const kept = items.map(({ start, end, name }) => ({ start, end, name }));
    if (operation.kind === "append") {
      const style = itemStyle(parsedItem(0), dashColumn);
      const at = items[items.length - 1]!.end;
      const lines = renderItems([operation.block], dashColumn, style, eol);
      const after = insert(text, at, lines, eol);
      const start = after.length - (text.length - at) - lines.length; // after a line break `insert` may add
      const name = String(operation.block.name);
      const last = items.length - 1;
      const recheck = start === at ? {} : { recheck: { index: last, expected: item(last) } };
      return { after, items: [...kept, { start, end: -1, name }], changed: { index: items.length, expected: operation.block }, ...recheck };
    }
    const { index } = operation;
    const target = items[index]!;
    item(index); // the edited item must itself be well-formed, as with the whole-file parse
    if (operation.kind === "remove") {
      const after = removeItemText(text, items, index, scan.colonEnd);
      const removed = target.end - target.start;
      const planned = kept.filter((_, i) => i !== index).map((entry, i) => (i < index ? entry : shift(entry, -removed)));
      return { after, items: planned, ...(index > 0 ? { recheck: { index: index - 1, expected: item(index - 1) } } : {}) };
    }
    const parsed = parsedItem(index);
    const style = itemStyle(parsedItem(0), dashColumn);
    const lines = updateItemText(parsed.window, { item: parsed.item!, dashColumn, style, eol }, operation.current, operation.target, operation.replace);
    const after = text.slice(0, target.start) + lines + text.slice(target.end);
    const delta = lines.length - (target.end - target.start);
    const planned = kept.map((entry, i) => (i < index ? entry : i === index ? { ...entry, end: -1 } : shift(entry, delta)));
    return { after, items: planned, changed: { index, expected: operation.expected } };
  }

  function prove({ after, items: planned, changed, recheck }: Plan, rescan: ListScan): Outcome {
    const found = rescan.items;
    const same = (entry: ScannedItem, i: number) => {
      const want = planned[i]!;
      return entry.start === want.start && entry.name === want.name && (i === changed?.index || i === recheck?.index || entry.end === want.end);
    };
    if (rescan.dashColumn !== dashColumn || found.length !== planned.length || !found.every(same)) throw new InternalError(readBackError());
    const readBack = (index: number, expected: Record<string, unknown>) => {
      const block = composeItem(parseItemLines(after, found[index]!.start, found[index]!.end), after);
      if (!isDeepStrictEqual(block, expected)) throw new InternalError(readBackError());
      return block;
    };
    if (recheck) readBack(recheck.index, recheck.expected);
    const names = found.map((entry) => entry.name);
    if (!changed) return { after, names };
    const { start, end } = found[changed.index]!;
    return { after, names, changed: { index: changed.index, block: readBack(changed.index, changed.expected), start, end } };
  }
}

function shift(entry: { start: number; end: number; name: string }, delta: number) {
  return { start: entry.start + delta, end: entry.end + delta, name: entry.name };
}
