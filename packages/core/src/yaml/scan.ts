import { CST, Lexer } from "yaml";
import { nextLineStart } from "./cst.js";
import { itemData, type ItemToken } from "./item-data.js";
import { ALLOWED, blockContentLength, keyOf, nameOf, Unusual, type Token } from "./scan-line.js";

/** One item of the `integrations` block list as a cheap scan sees it. */
export interface ScannedItem {
  /** The start of the line holding the item's `-`. */
  start: number;
  /** The start of the line after the item's last content (comments after it are not the item's). */
  end: number;
  /** The item's `name` value as the proxy reads it (a string: other names send the file to the full parse). */
  name: string;
  /** The item's data, when asked for and the item is in the shapes `itemData` reads (else yaml must compose it). */
  data?: Record<string, unknown>;
}

/** The first document's `integrations` block list, found without building a CST or a Document. */
export interface ListScan {
  /** The column of every item's `-` (0 for a list not indented under its key). */
  dashColumn: number;
  /** The offset just after `integrations:`. */
  colonEnd: number;
  /** The items in file order; never empty. */
  items: ScannedItem[];
}

const MAX_TOKENS = 4;
/** Lines with more content tokens than this leave the subset: a list written on one line is found without lexing it whole. */
const MAX_LINE_TOKENS = 1000;
const TAB_INDENT = /^ *\t/m;
const LONE_CR = /\r(?!\n)/;

/** Tabs as indentation, or a line break yaml reads and the scan does not (a lone CR); the regular expressions only run where such a character is. */
function outsideSubset(text: string): boolean {
  return (text.includes("\t") && TAB_INDENT.test(text)) || (text.includes("\r") && LONE_CR.test(text));
}

/**
 * Finds the `integrations` block list of a config file's first document and each item's line range
 * and name with `yaml`'s Lexer alone, a fraction of what a CST or a Document of the whole file costs
 * (docs/performance.md). It only answers for the simple subset of YAML that tools
 * and people write: a block mapping at the top, `integrations:` holding a block list of block
 * mappings, each with one `name:` that is a plain or quoted one-line string. Anything else (anchors,
 * aliases, tags, merge keys, explicit keys, directives, tabs as indentation, scalars or flow
 * collections over several lines, an empty or flow-style list, oddly indented lines, lines of over 1,000 tokens) gives
 * `undefined`: the caller then parses the whole file. In the subset, each item's meaning depends on
 * its own lines only, so an edit may parse just the items it touches.
 */
export function scanIntegrations(text: string, options: { data?: boolean } = {}): ListScan | undefined {
  if (outsideSubset(text)) return undefined;
  try {
    return new Scanner(text, options.data ?? false).run();
  } catch (error) {
    if (error instanceof Unusual) return undefined;
    throw error;
  }
}

/**
 * The items of the list in `text` from `from` to `to`, as the whole-file scan finds them, for a text
 * edited inside the list. `from` must start a line holding an item's `-` at `dashColumn` (checked),
 * and the scan stops before the first item starting at or after `stopAt` (`stoppedAt` says where),
 * else at the end of the list's document or at `to`. Lexing from such a line gives the tokens the
 * whole file's lexing gives from there, whatever precedes it: at a `-` followed by a space at the
 * start of a line, yaml's Lexer sets its indentation state afresh (`parseBlockStart`), no flow
 * collection or multi-line scalar is open in the subset, and what came before looks ahead into the
 * line no further than its indentation and first characters. So when the text before `from` and the
 * text from `stopAt` on are the ones an earlier whole-file scan accepted, these items in between
 * are the ones a whole-file scan of the new text would find. `undefined` when the window leaves the
 * simple subset.
 */
export function scanListWindow(text: string, from: number, to: number, dashColumn: number, stopAt: number | undefined): { items: ScannedItem[]; stoppedAt: number | undefined } | undefined {
  const window = text.slice(from, to);
  const dash = window.charCodeAt(dashColumn + 1);
  if (!window.startsWith(`${" ".repeat(dashColumn)}-`) || !(Number.isNaN(dash) || dash === 0x20 || dash === 0x0a || dash === 0x0d)) return undefined;
  if (outsideSubset(window)) return undefined;
  const scanner = new Scanner(window, false, stopAt === undefined ? Infinity : stopAt - from);
  try {
    const scan = scanner.run();
    if (!scan || scan.dashColumn !== dashColumn) return undefined;
    const items = scan.items.map((item) => ({ start: item.start + from, end: item.end + from, name: item.name }));
    return { items, stoppedAt: scanner.stoppedAt === undefined ? undefined : scanner.stoppedAt + from };
  } catch (error) {
    if (error instanceof Unusual) return undefined;
    throw error;
  }
}

class Scanner {
  private state: "top" | "value" | "head" | "list" | "after" = "top";
  private sawKey = false;
  /** Where the scan stopped before an item starting at or after `stopAt`. */
  stoppedAt: number | undefined;
  private dashColumn = -1;
  private colonEnd = 0;
  private items: ScannedItem[] = [];
  private keyColumn = -1; // of the current item's mapping
  private names: string[] = [];
  private lastContentEnd = 0;
  private line: Token[] = [];
  private count = 0; // content tokens on the line, `line` holds the first MAX_TOKENS
  private lineEnd = 0; // the end of the line's last content token
  /** With `data`: every content token of the line, and of the current item's lines so far. */
  private lineTokens: ItemToken[] = [];
  private itemTokens: ItemToken[] = [];
  private nextTab: number;

  /** `stopAt` set: a window starting at an item's line (see `scanListWindow`). */
  constructor(
    private readonly text: string,
    private readonly data: boolean,
    private readonly stopAt?: number,
  ) {
    this.nextTab = data ? text.indexOf("\t") : -1;
    if (stopAt !== undefined) {
      this.state = "head";
      this.sawKey = true;
    }
  }

  run(): ListScan | undefined {
    const text = this.text;
    let offset = 0;
    let lineStart = 0;
    let scalarNext = false;
    let blockNext = false;
    let flowDepth = 0;
    let keep = false; // the block scalar's header keeps its trailing blank lines (`|+`)
    for (const raw of new Lexer().lex(text)) {
      if (raw === "\x02") continue;
      if (raw === "\x1f") {
        scalarNext = true;
        continue;
      }
      let kind: string;
      if (scalarNext) {
        kind = blockNext ? "block" : "scalar";
        scalarNext = blockNext = false;
      } else {
        kind = CST.tokenType(raw) ?? "unknown";
      }
      const start = offset;
      offset += raw.length;
      if (kind === "newline") {
        if (flowDepth > 0) throw new Unusual();
        if (blockNext) continue; // the block scalar's content joins its header's line
        if (this.endLine()) return this.result();
        lineStart = offset;
        continue;
      }
      if (kind === "space") continue;
      if (kind === "block-scalar-header") blockNext = true;
      else if (kind === "flow-map-start" || kind === "flow-seq-start") flowDepth++;
      else if (kind === "flow-map-end" || kind === "flow-seq-end") flowDepth--;
      else if (!ALLOWED.has(kind)) throw new Unusual();
      if (kind !== "block" && raw.includes("\n")) throw new Unusual(); // a scalar over several lines
      if (kind !== "comment") {
        // Only a line's first tokens matter (`- name: value`); the rest only for where it ends.
        const token: ItemToken = { kind, source: raw, start, column: start - lineStart, first: this.count === 0 };
        if (this.line.length < MAX_TOKENS) this.line.push(token);
        if (this.data) this.lineTokens.push(token);
        if (++this.count > MAX_LINE_TOKENS) throw new Unusual();
        this.lineEnd = kind === "block" ? start + blockContentLength(raw, keep) : offset;
      }
      if (kind === "block-scalar-header") keep = raw.includes("+");
      if (kind === "block") {
        // A block scalar's content runs to the start of a line.
        if (this.endLine()) return this.result();
        lineStart = offset;
      }
    }
    this.endLine();
    return this.result();
  }

  private result(): ListScan | undefined {
    this.closeItem();
    if (this.items.length === 0) return undefined;
    return { dashColumn: this.dashColumn, colonEnd: this.colonEnd, items: this.items };
  }

  /** Takes in one line's tokens; true when the first document has ended. */
  private endLine(): boolean {
    const content = this.line;
    const count = this.count;
    if (count === 0) return false;
    const all = this.lineTokens;
    this.line = [];
    this.lineTokens = [];
    this.count = 0;
    const head = content[0]!;
    if (head.kind === "doc-start" || head.kind === "doc-end") {
      if (!this.sawKey && head.kind === "doc-start" && count === 1) return false;
      return true;
    }
    if (this.state === "head") return this.listHead(content, count, all);
    if (this.state === "list") {
      const lineStart = head.start - head.column;
      if (head.kind === "seq-item-ind" && head.column === this.dashColumn && this.stopAt !== undefined && lineStart >= this.stopAt) {
        this.closeItem();
        this.stoppedAt = lineStart;
        return true;
      }
      if (head.column > this.dashColumn || (head.column === this.dashColumn && head.kind === "seq-item-ind")) {
        this.itemLine(content, count, all);
        return false;
      }
      if (head.column !== 0) throw new Unusual();
      this.closeItem();
      this.state = "after";
    }
    if (head.column === 0) this.topKey(content, count);
    else if (!this.sawKey) throw new Unusual();
    return false;
  }

  private topKey(content: Token[], count: number): void {
    const key = keyOf(content, 0);
    if (key === undefined) throw new Unusual();
    this.sawKey = true;
    if (key.value !== "integrations") {
      this.state = this.state === "after" ? "after" : "value";
      return;
    }
    if (this.state === "after" || count > key.next) throw new Unusual(); // a duplicate key, or a value on the line
    this.colonEnd = content[key.next - 1]!.start + 1;
    this.state = "head";
  }

  private listHead(content: Token[], count: number, all: ItemToken[]): boolean {
    const head = content[0]!;
    if (head.kind !== "seq-item-ind") throw new Unusual(); // null, or a mapping: the full parse says which
    this.dashColumn = head.column;
    this.state = "list";
    this.itemLine(content, count, all);
    return false;
  }

  private itemLine(content: Token[], count: number, all: ItemToken[]): void {
    const head = content[0]!;
    let rest = content;
    let restCount = count;
    if (head.column === this.dashColumn) {
      if (head.kind !== "seq-item-ind") throw new Unusual();
      this.closeItem();
      this.items.push({ start: head.start - head.column, end: 0, name: "" });
      this.names = [];
      this.keyColumn = -1;
      this.itemTokens = [];
    }
    for (const token of all) this.itemTokens.push(token);
    if (head.column === this.dashColumn) {
      rest = content.slice(1);
      restCount--;
      if (restCount === 0) return void (this.lastContentEnd = head.start + 1);
    }
    const first = rest[0]!;
    if (this.keyColumn === -1) {
      if (!keyOf(rest, 0)) throw new Unusual(); // an item that is not a block mapping
      this.keyColumn = first.column;
    }
    if (first.column < this.keyColumn) throw new Unusual();
    if (first.column === this.keyColumn && first.kind !== "seq-item-ind") {
      const key = keyOf(rest, 0);
      if (!key) throw new Unusual();
      if (key.value === "name") this.names.push(nameOf(rest[key.next], restCount - key.next));
    }
    this.lastContentEnd = this.lineEnd;
  }

  private closeItem(): void {
    const item = this.items[this.items.length - 1];
    if (!item || item.end !== 0) return;
    if (this.names.length !== 1) throw new Unusual();
    item.name = this.names[0]!;
    item.end = nextLineStart(this.text, this.lastContentEnd);
    if (this.data && !this.hasTab(item)) {
      const data = itemData(this.itemTokens);
      if (data) item.data = data;
    }
    this.itemTokens = [];
  }

  /** Whether a tab stands anywhere in the item's lines (where yaml's rules on tabs are subtle: left to it). */
  private hasTab(item: ScannedItem): boolean {
    if (this.nextTab !== -1 && this.nextTab < item.start) this.nextTab = this.text.indexOf("\t", item.start);
    return this.nextTab !== -1 && this.nextTab < item.end;
  }
}
