import { nextLineStart } from "./cst.js";
import { scanListWindow, type ListScan } from "./scan.js";

/** Strings are compared this many characters at a time before the differing one is looked for. */
const CHUNK = 4096;

/**
 * The scan of `after`, a text made from `before` (whose scan is `scan`) by changing lines inside its
 * list, found by scanning only around the change: from the item holding the first changed character
 * (and the one before it, so that an item whose following lines changed is always found anew) to the
 * `-` line of the first item after the last changed character (see `scanListWindow` for why the rest
 * reads as before). The items outside that window are `scan`'s, shifted. `undefined` when the change is not
 * inside the list or the window leaves the simple subset: the caller then scans `after` whole.
 */
export function rescanEdited(before: string, scan: ListScan, after: string): ListScan | undefined {
  const { items, dashColumn } = scan;
  const same = commonPrefix(before, after);
  const tail = commonSuffix(before, after, Math.min(before.length, after.length) - same);
  const shift = after.length - before.length;
  let changed = -1; // the last item starting at or before the first changed character
  while (changed + 1 < items.length && items[changed + 1]!.start <= same) changed++;
  if (changed === -1) return undefined;
  const first = Math.max(changed - 1, 0);
  const from = items[first]!.start;
  let next = first + 1; // the first item whose lines and all after them are unchanged
  while (next < items.length && items[next]!.start < before.length - tail) next++;
  const stopAt = next < items.length ? items[next]!.start + shift : undefined;
  const to = stopAt === undefined ? after.length : nextLineStart(after, stopAt + 1);
  const window = scanListWindow(after, from, to, dashColumn, stopAt);
  if (!window || window.stoppedAt !== stopAt) return undefined;
  const moved = items.slice(next).map(({ start, end, name }) => ({ start: start + shift, end: end + shift, name }));
  return { dashColumn, colonEnd: scan.colonEnd, items: [...items.slice(0, first), ...window.items, ...moved] };
}

function commonPrefix(a: string, b: string): number {
  const limit = Math.min(a.length, b.length);
  let at = 0;
  while (at + CHUNK <= limit && a.slice(at, at + CHUNK) === b.slice(at, at + CHUNK)) at += CHUNK;
  while (at < limit && a.charCodeAt(at) === b.charCodeAt(at)) at++;
  return at;
}

/** The length of the common end of `a` and `b`, at most `limit`. */
function commonSuffix(a: string, b: string, limit: number): number {
  let n = 0;
  while (n + CHUNK <= limit && a.slice(a.length - n - CHUNK, a.length - n) === b.slice(b.length - n - CHUNK, b.length - n)) n += CHUNK;
  while (n < limit && a.charCodeAt(a.length - n - 1) === b.charCodeAt(b.length - n - 1)) n++;
  return n;
}
