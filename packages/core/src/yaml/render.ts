import { Document, stringify, type YAMLMap, type YAMLSeq } from "yaml";
import { childColumn, type BlockStyle } from "./style.js";

/** How a scalar was quoted in the file, so that a changed value can keep it. */
export type Quoting = "plain" | "single" | "double";

const SCALAR_OPTIONS = { lineWidth: 0, minContentWidth: 0 } as const;
const STRING_TYPE = { plain: "PLAIN", single: "QUOTE_SINGLE", double: "QUOTE_DOUBLE" } as const;

/**
 * One scalar (or key) on one line as yaml writes it: plain where YAML reads it back as the same
 * value, else quoted (`"Bearer "`, `"0"`, `"true"`); a string keeps `quoting` where it can. A
 * string that would span lines is double-quoted with `\n` escapes.
 */
export function renderScalar(value: unknown, quoting: Quoting = "plain"): string {
  const text = stringify(value, { ...SCALAR_OPTIONS, defaultStringType: STRING_TYPE[quoting] }).replace(/\n$/, "");
  return text.includes("\n") ? stringify(value, { ...SCALAR_OPTIONS, defaultStringType: "QUOTE_DOUBLE" }).replace(/\n$/, "") : text;
}

/** A list or mapping written in flow style on one line (`[a, b]`, `{ k: v }` with `padding`), or undefined when it does not fit one line. */
export function renderFlow(value: object, padding: boolean): string | undefined {
  const document = new Document(value);
  (document.contents as YAMLMap | YAMLSeq).flow = true;
  const text = document.toString({ ...SCALAR_OPTIONS, flowCollectionPadding: padding }).replace(/\n$/, "");
  return text.includes("\n") ? undefined : text;
}

/**
 * Renders integration blocks as the lines of a block list, each `-` at `dashColumn`, nested
 * collections per `style`, every line ending in `eol`. Strings that YAML would read as something
 * else (`"0"`, `"true"`, `"Bearer "`) are quoted; long values are never folded.
 */
export function renderItems(items: readonly unknown[], dashColumn: number, style: BlockStyle, eol: string): string {
  const lines: string[] = [];
  seqLines(items, dashColumn, style, lines);
  return lines.map((line) => line + eol).join("");
}

/**
 * Renders one `key: value` pair of a block mapping whose keys stand in `keyColumn`. The first line is
 * not indented (it replaces text that starts at the key); the others are.
 */
export function renderPair(key: string, value: unknown, keyColumn: number, style: BlockStyle, eol: string): string {
  const lines: string[] = [];
  pairLines(key, value, keyColumn, style, lines);
  return lines.map((line, i) => (i === 0 ? line.slice(keyColumn) : line) + eol).join("");
}

/** Whether `value` is written as block lines under its key or dash (a non-empty list or mapping). */
function isBlock(value: unknown): value is object {
  if (Array.isArray(value)) return value.length > 0;
  return typeof value === "object" && value !== null && entries(value).length > 0;
}

/** A mapping's pairs as yaml writes them: keys whose value is undefined are left out. */
function entries(map: object): [string, unknown][] {
  return Object.entries(map).filter(([, value]) => value !== undefined);
}

/** `value` as an inline value: a scalar, or `[]` / `{}` for an empty collection. */
function inline(value: unknown): string {
  if (Array.isArray(value)) return "[]";
  if (typeof value === "object" && value !== null) return "{}";
  return renderScalar(value);
}

function pairLines(key: string, value: unknown, column: number, style: BlockStyle, out: string[]): void {
  const head = `${" ".repeat(column)}${renderScalar(key)}:`;
  if (!isBlock(value)) {
    out.push(`${head} ${inline(value)}`);
    return;
  }
  out.push(head);
  if (Array.isArray(value)) seqLines(value, childColumn(column, "seq", style), style, out);
  else for (const [k, v] of entries(value)) pairLines(k, v, childColumn(column, "map", style), style, out);
}

function seqLines(list: readonly unknown[], dash: number, style: BlockStyle, out: string[]): void {
  for (const entry of list) {
    if (!isBlock(entry)) {
      out.push(`${" ".repeat(dash)}- ${inline(entry)}`);
      continue;
    }
    // The entry's first line starts with `- ` in place of its indentation: `- name: …`, `- - x`.
    const first = out.length;
    if (Array.isArray(entry)) seqLines(entry, dash + 2, style, out);
    else for (const [k, v] of entries(entry)) pairLines(k, v, dash + 2, style, out);
    out[first] = `${" ".repeat(dash)}- ${out[first]!.slice(dash + 2)}`;
  }
}
