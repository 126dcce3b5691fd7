/**
 * Config texts written the way people write them, for property tests: a fast-check arbitrary that
 * renders integration blocks by hand (not with the core's renderer) in a random layout — map
 * indentation 2, 3 or 4, sequences under keys indented or not, the list's `-` in column 0, 2 or 4,
 * one or three spaces after `-`, plain, single- or double-quoted scalars, flow lists, comment lines,
 * trailing comments, blank lines, other top-level keys before and after `integrations`, `---`, a
 * second document, CRLF, a UTF-8 BOM, no final newline — and `blockLines`, which finds a block's
 * lines in a text with the `yaml` package alone, so tests do not trust the code they test.
 *
 * Test support only: outside `src`, so it is neither built nor shipped.
 */
import fc from "fast-check";
import { isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments, parseDocument, type Node } from "yaml";

/** How a generated file is laid out. */
export interface Layout {
  mapIndent: 2 | 3 | 4;
  seqIndented: boolean;
  dashColumn: 0 | 2 | 4;
  dashGap: 1 | 3;
  crlf: boolean;
  bom: boolean;
  header: string[];
  docStart: boolean;
  before: string[];
  keyComment: boolean;
  after: string[];
  trailer: string[];
  secondDocument: boolean;
  finalNewline: boolean;
  /** Small choices (quoting, comments, flow lists), used in turn. */
  choices: number[];
}

const HEADERS = [["# AuthTranslator config"], ["# managed by hand", "# and by the integrations CLI"], [""], ["# yaml-language-server: $schema=./config.schema.json", ""]];
const BEFORE = [["version: 2"], ["# proxy settings", 'listen: ":8080"'], ["metadata:", "  owner: 'platform-team'", '  tags: [edge, "eu"]'], ["defaults: {timeout: 30s}"]];
const AFTER = [["logging:", "  level: debug # noisy"], ["# trailing notes"], ["extra: |", "  free text", "  kept as is"], [""]];
const TRAILER = [["# end of integrations"], ["", "  # indented note after the list"], ["#no space comment"]];

/** A random layout; `plain` leaves out top-level keys other than `integrations` and second documents. */
export function layoutArb(options: { plain?: boolean } = {}): fc.Arbitrary<Layout> {
  const extra = <T>(arb: fc.Arbitrary<T[]>) => (options.plain ? fc.constant([] as T[]) : arb);
  return fc.record({
    mapIndent: fc.constantFrom(2, 3, 4),
    seqIndented: fc.boolean(),
    dashColumn: fc.constantFrom(0, 2, 4),
    dashGap: fc.constantFrom(1, 1, 3),
    crlf: fc.boolean(),
    bom: fc.boolean(),
    header: fc.constantFrom([], ...HEADERS),
    docStart: fc.boolean(),
    before: extra(fc.constantFrom([], ...BEFORE)),
    keyComment: fc.boolean(),
    after: extra(fc.constantFrom([], ...AFTER)),
    trailer: fc.constantFrom([], ...TRAILER),
    secondDocument: options.plain ? fc.constant(false) : fc.boolean(),
    finalNewline: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    choices: fc.array(fc.nat({ max: 99 }), { minLength: 32, maxLength: 32 }),
  }) as fc.Arbitrary<Layout>;
}

/** Characters a YAML double-quoted scalar must escape (non-printable, line breaks, BOM). */
const NEEDS_ESCAPE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/u;

function doubleQuoted(text: string): string {
  const body = [...text].map((c) => {
    if (c === '"' || c === "\\") return `\\${c}`;
    if (!NEEDS_ESCAPE.test(c)) return c;
    return `\\u${c.codePointAt(0)!.toString(16).padStart(4, "0")}`;
  });
  return `"${body.join("")}"`;
}

/** Whether `text` reads back as itself written plain after `key: ` and after `- `. */
function plainSafe(text: string): boolean {
  if (text === "" || NEEDS_ESCAPE.test(text) || text !== text.trim()) return false;
  const reads = (source: string) => {
    const doc = parseDocument(source);
    if (doc.errors.length > 0 || doc.warnings.length > 0) return undefined;
    try {
      return doc.toJS() as unknown;
    } catch {
      return undefined; // e.g. an alias to no anchor: `*-`
    }
  };
  return (reads(`k: ${text}\n`) as { k?: unknown } | undefined)?.k === text && (reads(`- ${text}\n`) as unknown[] | undefined)?.[0] === text;
}

class Renderer {
  private turn = 0;
  constructor(private readonly layout: Layout) {}

  /** The next small choice, in [0, n). */
  pick(n: number): number {
    const choices = this.layout.choices;
    return choices[this.turn++ % choices.length]! % n;
  }

  scalar(value: unknown): string {
    if (typeof value !== "string") return String(value);
    const styles = ["double"];
    if (!NEEDS_ESCAPE.test(value)) styles.push("single");
    if (plainSafe(value)) styles.push("plain", "plain");
    const style = styles[this.pick(styles.length)];
    if (style === "plain") return value;
    if (style === "single") return `'${value.replaceAll("'", "''")}'`;
    return doubleQuoted(value);
  }

  /** Lines of a block map whose keys stand in column `col`. */
  map(object: Record<string, unknown>, col: number): string[] {
    const pad = " ".repeat(col);
    const { mapIndent, seqIndented } = this.layout;
    const lines: string[] = [];
    Object.entries(object).forEach(([key, value], index) => {
      if (index > 0 && this.pick(12) === 0) lines.push(this.pick(2) === 0 ? "" : `${pad}# about ${key}`);
      if (Array.isArray(value)) {
        if (value.length === 0) lines.push(`${pad}${key}: []`);
        else if (value.every((v) => typeof v !== "object") && this.pick(3) === 0) lines.push(`${pad}${key}: [${value.map((v) => (typeof v === "string" ? doubleQuoted(v) : String(v))).join(", ")}]`);
        else lines.push(`${pad}${key}:`, ...this.seq(value, col + (seqIndented ? mapIndent : 0)));
      } else if (value !== null && typeof value === "object") {
        const entries = Object.keys(value);
        if (entries.length === 0) lines.push(`${pad}${key}: {}`);
        else lines.push(`${pad}${key}:`, ...this.map(value as Record<string, unknown>, col + mapIndent));
      } else {
        const comment = this.pick(8) === 0 ? " # set by hand" : "";
        lines.push(`${pad}${key}: ${this.scalar(value)}${comment}`);
      }
    });
    return lines;
  }

  /** Lines of a block sequence whose `-` stand in column `col`. */
  seq(items: readonly unknown[], col: number, between = false): string[] {
    const pad = " ".repeat(col);
    const gap = " ".repeat(this.layout.dashGap);
    const lines: string[] = [];
    items.forEach((item, index) => {
      if (between && index > 0) {
        const separator = this.pick(4);
        if (separator === 1) lines.push("");
        if (separator === 2) lines.push(`${pad}# item ${index}`);
        if (separator === 3) lines.push("", "# a comment in column 0");
      }
      if (item !== null && typeof item === "object" && !Array.isArray(item)) {
        const [first, ...rest] = this.map(item as Record<string, unknown>, col + 1 + gap.length);
        lines.push(`${pad}-${gap}${first!.trimStart()}`, ...rest);
      } else {
        lines.push(`${pad}- ${this.scalar(item)}`);
      }
    });
    return lines;
  }
}

/** A whole config text (BOM and CRLF applied) holding `items` in `layout`. */
export function renderConfig(items: readonly Record<string, unknown>[], layout: Layout): string {
  const renderer = new Renderer(layout);
  const list = items.length ? renderer.seq(items, layout.dashColumn, true) : [];
  const key = `integrations:${items.length ? "" : " []"}${layout.keyComment ? " # the proxy's integrations" : ""}`;
  const lines = [
    ...layout.header,
    ...(layout.docStart ? ["---"] : []),
    ...layout.before,
    key,
    ...list,
    ...layout.trailer,
    ...layout.after,
    ...(layout.secondDocument ? ["---", "# a second document, kept as is", "other: document"] : []),
  ];
  const body = lines.join("\n") + (layout.finalNewline ? "\n" : "");
  return (layout.bom ? "\uFEFF" : "") + (layout.crlf ? body.replaceAll("\n", "\r\n") : body);
}

/** The offset just past the last content character (not a comment or line break) of a node. */
function contentEnd(node: Node): number {
  if (isScalar(node) || isAlias(node)) return node.range![1];
  if ((isMap(node) || isSeq(node)) && !node.flow) {
    let end = node.range![0];
    for (const item of node.items as unknown[]) {
      const value = isPair(item) ? ((item.value ?? item.key) as Node) : (item as Node);
      if (value) end = Math.max(end, contentEnd(value));
    }
    return end;
  }
  return node.range![1];
}

const lineStart = (text: string, offset: number) => text.lastIndexOf("\n", offset - 1) + 1;
const nextLineStart = (text: string, offset: number) => {
  const lf = text.indexOf("\n", offset);
  return lf === -1 ? text.length : lf + 1;
};

/** Where things are in a config text (without BOM), found with the `yaml` package alone. */
export interface TextMap {
  /** Each item's whole lines [start, end): from its `-` line to the line of its last content. */
  items: { start: number; end: number }[];
  /** The `integrations:` line [start, end). */
  keyLine: { start: number; end: number };
  /** The offset just after `integrations:`'s colon. */
  colonEnd: number;
}

/** Maps a config text's `integrations` list (block or `[]`). @throws when the text has no such list. */
export function mapText(text: string): TextMap {
  const doc = parseAllDocuments(text, { merge: true });
  const first = Array.isArray(doc) ? doc[0] : undefined;
  if (!first || !isMap(first.contents)) throw new Error("test support: no top-level mapping");
  const pair = first.contents.items.find((p) => isScalar(p.key) && p.key.value === "integrations");
  if (!pair || !isSeq(pair.value)) throw new Error("test support: no integrations list");
  const keyNode = pair.key as Node;
  const keyStart = lineStart(text, keyNode.range![0]);
  const colonEnd = text.indexOf(":", keyNode.range![1]) + 1;
  const items = pair.value.items.map((item) => {
    const node = item as Node;
    return { start: lineStart(text, node.range![0]), end: nextLineStart(text, contentEnd(node) - 1) };
  });
  const valueEnd = pair.value.flow ? pair.value.range![1] : colonEnd;
  return { items, keyLine: { start: keyStart, end: nextLineStart(text, valueEnd - 1) }, colonEnd };
}

/** The first document's `integrations` list as data (merge keys applied). */
export function readList(text: string): unknown[] {
  const docs = parseAllDocuments(text, { merge: true });
  const data = (Array.isArray(docs) ? docs[0]?.toJS({ maxAliasCount: 1000 }) : undefined) as { integrations?: unknown } | null | undefined;
  return Array.isArray(data?.integrations) ? data.integrations : [];
}
