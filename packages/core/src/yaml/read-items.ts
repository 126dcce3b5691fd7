import { LineCounter, Parser, type Document } from "yaml";
import { InternalError } from "../errors.js";
import { requireNodeBudget } from "./node-count.js";
import { composeTokens, documentData, keyLineIn, lineIn, type ParsedConfig } from "./parse.js";
import type { ListScan } from "./scan.js";

/** A config file as the read-only commands need it: its text, its data and where each value stands. */
export type ConfigRead = Pick<ParsedConfig, "text" | "data" | "position" | "lineOf" | "keyLineOf">;

/** Items parsed together: enough to spread a parser's set-up, few enough that a group's CST stays small. */
const GROUP = 256;

/**
 * Reads a file in the simple subset `scanIntegrations` found, in bounded memory: items whose data the
 * scan already built (`scanIntegrations(text, { data: true })`) are taken as they are; the others are
 * composed by yaml a group at a time (each group's CST and Document dropped once its data is taken);
 * the rest of the file (the list's lines left out) is parsed whole. The same data and messages as
 * `parseConfig`, since in the subset each item's meaning depends on its own lines only; no CST of the
 * whole file is kept.
 *
 * @throws ConfigError as `parseConfig` does, with lines and columns of the whole file; and when the
 *   rest of the file has more than MAX_YAML_NODES nodes.
 */
export function readByItems(text: string, scan: ListScan): ConfigRead {
  const { items } = scan;
  const lines = new LineCounter();
  lines.addNewLine(0);
  for (let lf = text.indexOf("\n"); lf !== -1; lf = text.indexOf("\n", lf + 1)) lines.addNewLine(lf + 1);
  const position = (offset: number) => lines.linePos(offset);
  const from = items[0]!.start;
  const to = items[items.length - 1]!.end;

  const list: unknown[] = [];
  const composeRun = (first: number, last: number) => {
    const data = documentData(composeWindow(text, items[first]!.start, items[last]!.end, position));
    if (!Array.isArray(data) || data.length !== last - first + 1)
      throw new InternalError((file) => `the lines at ${file}:${position(items[first]!.start).line} are not ${last - first + 1} integration blocks`);
    for (const item of data) list.push(item);
  };
  let first = 0; // the first item not yet in `list`
  for (let index = 0; index <= items.length; index++) {
    const built = items[index]?.data;
    if (index - first === GROUP || (index > first && (built || index === items.length))) {
      composeRun(first, index - 1);
      first = index;
    }
    if (built) {
      list.push(built);
      first = index + 1;
    }
  }

  const rest = text.slice(0, from) + text.slice(to);
  requireNodeBudget(rest);
  const restPosition = (offset: number) => position(offset < from ? offset : offset + (to - from));
  const restTokens = [...new Parser().parse(rest)];
  const documents = composeTokens(restTokens, rest.length, restPosition);
  const data = documentData(documents[0]) as Record<string, unknown>;
  data.integrations = list;

  let cached: { index: number; document: Document.Parsed | undefined } | undefined;
  /** `find` (lineIn or keyLineIn) applied in the document that holds `path`: an item's own window, or the rest of the file. */
  const locate = (path: readonly PropertyKey[], find: typeof lineIn) => {
    const index = path[1];
    if (path[0] !== "integrations" || typeof index !== "number" || !items[index]) return find(documents[0], path, restPosition);
    const { start, end } = items[index];
    if (path.length === 2 && holdsKey(text, start + scan.dashColumn + 1)) return position(start).line; // the item's mapping starts on its `-` line
    if (cached?.index !== index) cached = { index, document: composeWindow(text, start, end, position) };
    return find(cached.document, [0, ...path.slice(2)], (offset) => position(start + offset));
  };
  const lineOf = (path: readonly PropertyKey[]) => locate(path, lineIn);
  const keyLineOf = (path: readonly PropertyKey[]) => locate(path, keyLineIn) ?? lineOf(path);
  return { text, data, position, lineOf, keyLineOf };
}

/** Whether the rest of the line from `offset` holds content (the scan then found a key there), not just spaces or a comment. */
function holdsKey(text: string, offset: number): boolean {
  const lineEnd = text.indexOf("\n", offset);
  const rest = text.slice(offset, lineEnd === -1 ? text.length : lineEnd).trim();
  return rest !== "" && !rest.startsWith("#");
}

/** The first document of the lines `[start, end)` of `text`, composed as the proxy reads them. */
function composeWindow(text: string, start: number, end: number, position: (offset: number) => { line: number; col: number }): Document.Parsed | undefined {
  const window = text.slice(start, end);
  const tokens = [...new Parser().parse(window)];
  return composeTokens(tokens, window.length, (offset) => position(start + offset))[0];
}
