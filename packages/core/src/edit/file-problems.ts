/**
 * What an edit's single parse shows of the rest of the file that makes the proxy refuse it: the edit
 * still writes its own valid block, and the caller warns. Only what that parse already holds is used:
 * a small file's data (the whole verdict is cheap there), a large file's top-level keys (its items are
 * not all parsed, and a list in another shape fails the edit itself: `integrations validate` gives the
 * full verdict).
 */
import { proxyVerdict } from "../format/proxy-verdict.js";
import { formatIssue } from "../format/validate.js";
import type { ListScan } from "../yaml/scan.js";

/** Files below this many characters get the whole verdict after an edit (well under a millisecond per block). */
const WHOLE_VERDICT_CHARS = 64 * 1024;

/**
 * The top-level keys other than `integrations` of a file `scanIntegrations` accepted (its `scan`): in
 * that subset the first document's top level is a block mapping whose keys start their lines at
 * column 0, so outside the list's lines every such line is a key, a comment or a document marker.
 */
export function otherTopLevelKeys(text: string, scan: ListScan): string[] {
  const keys: string[] = [];
  const outside = `${text.slice(0, scan.colonEnd)}\n${text.slice(scan.items[scan.items.length - 1]!.end)}`;
  let listSeen = false;
  for (const line of outside.split(/\r?\n/)) {
    // A marker after the list ends the first document: the proxy reads no further.
    if (/^(---|\.\.\.)(\s|$)/.test(line)) {
      if (listSeen) break;
      continue;
    }
    const match = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#][^#]*?)\s*:(?:\s|$)/.exec(line);
    if (!match) continue;
    const key = match[1]!.startsWith('"') ? (JSON.parse(match[1]!) as string) : match[1]!.startsWith("'") ? match[1]!.slice(1, -1).replaceAll("''", "'") : match[1]!;
    if (key === "integrations") listSeen = true;
    else keys.push(key);
  }
  return keys;
}

/** The problem with top-level keys other than `integrations`, or none. */
export function otherKeysProblem(keys: readonly string[]): string[] {
  if (keys.length === 0) return [];
  const listed = keys.map((key) => JSON.stringify(key)).join(", ");
  return [`top-level key${keys.length > 1 ? "s" : ""} ${listed}: the proxy allows only integrations`];
}

/**
 * The proxy's errors in `data` (a file's data before an edit) outside item `changed` (which the edit
 * replaces and checks itself); for a large text only the top-level keys are looked at.
 */
export function problemsOutside(data: unknown, changed: number | undefined, textLength: number): string[] {
  const top = data !== null && typeof data === "object" && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
  if (!top) return [];
  if (textLength >= WHOLE_VERDICT_CHARS) return otherKeysProblem(Object.keys(top).filter((key) => key !== "integrations"));
  return proxyVerdict(data)
    .errors.filter(({ path }) => !(path[0] === "integrations" && path[1] === changed))
    .sort((a, b) => a.path.length - b.path.length) // the file's own shape first
    .map((issue) => formatIssue(issue));
}
