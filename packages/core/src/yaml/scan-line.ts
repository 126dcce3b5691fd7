import { scalarValue, type ScalarKind } from "./scalar-value.js";

/** What the tokens of one line mean to `scanIntegrations`: which are allowed, keys, the `name` value, a block scalar's extent. */

/** A token with its place: `kind` is `CST.tokenType` except `block` for a block scalar's content. */
export interface Token {
  kind: string;
  source: string;
  start: number;
  column: number;
}

/** Thrown inside the scan when the file leaves the simple subset; `scanIntegrations` returns undefined. */
export class Unusual extends Error {}

const SAFE_PLAIN_NAME = /^[A-Za-z_][^\x00-\x1f\x7f]*$/;
const NOT_A_STRING = /^(?:null|Null|NULL|true|True|TRUE|false|False|FALSE)$/;

/** The tokens the scan lets through (any other leaves the subset). */
export const ALLOWED = new Set(["scalar", "single-quoted-scalar", "double-quoted-scalar", "block-scalar-header", "block", "seq-item-ind", "map-value-ind", "comma", "comment", "doc-start", "doc-end"]);

/**
 * How much of a block scalar's text is the item's: all of it with `|+` (the blank lines at its end
 * are part of its value), else up to its last line with content, as in the CST.
 */
export function blockContentLength(source: string, keep: boolean): number {
  if (keep) return source.length;
  const blankTail = /\n(?:[ \r]*\n)*[ \r]*$/.exec(source);
  if (!blankTail) return source.length;
  return source.slice(0, blankTail.index).trim() === "" ? 0 : blankTail.index + 1;
}

/** A `key:` at `at` in a line's content tokens: the key's string value and the index after the `:`. */
export function keyOf(content: readonly Token[], at: number): { value: string; next: number } | undefined {
  const key = content[at];
  const colon = content[at + 1];
  if (!key || colon?.kind !== "map-value-ind") return undefined;
  if (key.kind === "scalar") {
    if (key.source === "<<") throw new Unusual(); // a merge key
    return { value: key.source, next: at + 2 };
  }
  if (key.kind.endsWith("quoted-scalar")) return { value: quoted(key), next: at + 2 };
  return undefined;
}

/** The value of `name:` from the tokens after its `:`: a one-line string, or the scan gives up. */
export function nameOf(token: Token | undefined, count: number): string {
  if (!token || count !== 1) throw new Unusual();
  if (token.kind === "scalar") {
    if (!SAFE_PLAIN_NAME.test(token.source) || NOT_A_STRING.test(token.source)) throw new Unusual();
    return token.source;
  }
  if (token.kind.endsWith("quoted-scalar")) return quoted(token);
  throw new Unusual();
}

function quoted(token: Token): string {
  const read = scalarValue(token.kind as ScalarKind, token.source, false);
  if (!read) throw new Unusual();
  return read.value as string;
}
