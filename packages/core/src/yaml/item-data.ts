import { scalarValue, type ScalarKind } from "./scalar-value.js";

/** A content token of an item's lines as the scan lexes them (no spaces, newlines or comments). */
export interface ItemToken {
  /** `CST.tokenType`, or `block` for a block scalar's content. */
  kind: string;
  source: string;
  /** Offset in the file's text. */
  start: number;
  column: number;
  /** Whether it is the first content token of its line. */
  first: boolean;
}

/** Thrown when the item leaves the shapes `itemData` reads; it then answers undefined. */
class NotPlain extends Error {}

/**
 * The data of one block-list item straight from its tokens (which start with its `-`), exactly as
 * `parseConfig` would read it, for the shapes tools write: block mappings and block lists nested by
 * indentation, whose keys and values are one-line plain or quoted scalars. Anything else (flow
 * collections, block scalars, a value alone on its own line, duplicate keys, merge keys, odd
 * indentation, a scalar yaml would complain about) gives undefined, and the caller composes the item
 * with yaml instead. Tabs are not looked at here: the caller leaves items holding one to yaml.
 */
export function itemData(tokens: readonly ItemToken[]): Record<string, unknown> | undefined {
  if (tokens[0]?.kind !== "seq-item-ind") return undefined;
  const reader = new ItemReader(tokens);
  try {
    reader.at = 1;
    const value = reader.valueAfter(tokens[0], tokens[0].column);
    if (reader.at !== tokens.length || typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
    return value as Record<string, unknown>;
  } catch (error) {
    if (error instanceof NotPlain) return undefined;
    throw error;
  }
}

const SCALAR = new Set(["scalar", "single-quoted-scalar", "double-quoted-scalar"]);

class ItemReader {
  at = 0;

  constructor(private readonly tokens: readonly ItemToken[]) {}

  /** The node after an indicator (`-`, or the `:` of a key at `parent`), on its line or on the lines below it. */
  valueAfter(indicator: ItemToken, parent: number): unknown {
    const next = this.tokens[this.at];
    const isKey = indicator.kind === "map-value-ind";
    if (next && !next.first) {
      if (next.kind === "seq-item-ind" && !isKey) return this.sequence(next.column);
      if (!SCALAR.has(next.kind)) throw new NotPlain();
      if (isKey && next.start === indicator.start + 1) throw new NotPlain(); // `"k":v`: left to yaml
      if (!isKey && this.isKey(this.at)) return this.mapping(next.column);
      this.at++;
      const following = this.tokens[this.at];
      if (following && !following.first) throw new NotPlain(); // more on the line after a value
      return this.scalar(next, false);
    }
    // Nothing more on the line: a block node below, more indented (a list may stand at its key's column), or null.
    if (!next || next.column < parent || (next.column === parent && !(isKey && next.kind === "seq-item-ind"))) return null;
    if (next.kind === "seq-item-ind") return this.sequence(next.column);
    if (this.isKey(this.at)) return this.mapping(next.column);
    throw new NotPlain(); // a scalar alone on its line
  }

  /** A block list whose entries' `-` stand at `column`, from the current token (its first `-`). */
  private sequence(column: number): unknown[] {
    const list: unknown[] = [];
    for (;;) {
      const dash = this.tokens[this.at++]!;
      list.push(this.valueAfter(dash, column));
      const next = this.tokens[this.at];
      if (!next || next.column !== column || next.kind !== "seq-item-ind") return list;
      if (!next.first) throw new NotPlain();
    }
  }

  /** A block mapping whose keys stand at `column`, from the current token (its first key). */
  private mapping(column: number): Record<string, unknown> {
    const map: Record<string, unknown> = {};
    for (;;) {
      if (!this.isKey(this.at)) throw new NotPlain();
      const keyToken = this.tokens[this.at]!;
      const colon = this.tokens[this.at + 1]!;
      this.at += 2;
      const key = keyString(this.scalar(keyToken, true));
      if (Object.hasOwn(map, key)) throw new NotPlain(); // a duplicate (or two keys that read the same): yaml says which
      const value = this.valueAfter(colon, column);
      if (key in map) Object.defineProperty(map, key, { value, writable: true, enumerable: true, configurable: true });
      else map[key] = value;
      const next = this.tokens[this.at];
      if (!next || next.column !== column) return map;
      if (!next.first || next.kind === "seq-item-ind") throw new NotPlain();
    }
  }

  /** Whether the token at `index` is a one-line scalar followed at once by `:` on its line. */
  private isKey(index: number): boolean {
    const key = this.tokens[index];
    const colon = this.tokens[index + 1];
    return !!key && SCALAR.has(key.kind) && colon?.kind === "map-value-ind" && !colon.first && colon.start === key.start + key.source.length && key.source.length <= 1000;
  }

  private scalar(token: ItemToken, atKey: boolean): unknown {
    const read = scalarValue(token.kind as ScalarKind, token.source, atKey);
    if (!read) throw new NotPlain();
    return read.value;
  }
}

/** A key as yaml turns it into an object key: null is `""`, anything else its `String`. */
function keyString(value: unknown): string {
  return value === null ? "" : String(value);
}
