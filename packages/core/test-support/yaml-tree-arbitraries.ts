/**
 * Block-style YAML items for the fast reader's property test: a random tree of mappings, lists and
 * one-line scalars (plain scalars that look like numbers, booleans and nulls, quoted ones with escapes,
 * empty values), rendered in a random indentation with comments and blank lines, and sometimes a
 * value just outside the fast reader's shapes (flow collections, block scalars, a value alone on its
 * own line, a merge key, a duplicate key, a tab, a key spaced from its `:`). Each rendered item says
 * whether it stays in those shapes (`plain`): the test checks that such items are read without yaml.
 *
 * Test support only: outside `src`, so it is neither built nor shipped.
 */
import fc from "fast-check";

/** A node of the tree; `plain` is false where the node (or one below it) is outside the fast shapes. */
export type Tree = { kind: "scalar"; text: string } | { kind: "empty" } | { kind: "map"; entries: [string, Tree][] } | { kind: "seq"; items: Tree[] } | { kind: "odd"; odd: Odd };

/** Values just outside the fast shapes: yaml must compose the item (or report its error). */
type Odd = "flow-seq" | "flow-map" | "empty-flow" | "literal" | "folded" | "next-line" | "merge" | "tab" | "spaced-colon" | "tight-colon" | "duplicate" | "bad-escape";

const PLAIN = [
  "s1",
  "hello world",
  "1",
  "-1",
  "+1",
  "0",
  "-0",
  "007",
  "0x1F",
  "0o17",
  "1_000",
  "1.5",
  "1.",
  ".5",
  "1e3",
  "-1.5E-3",
  ".inf",
  "-.Inf",
  "+.INF",
  ".nan",
  ".NaN",
  "~",
  "null",
  "Null",
  "NULL",
  "true",
  "True",
  "FALSE",
  "yes",
  "no",
  "on",
  "off",
  "y",
  "12:30",
  "2024-01-01",
  "https://example.com/a?b=c#d",
  "env:S",
  "a:b",
  "x-y",
  "-x",
  "10s",
  "1m",
  "Bearer",
  "é",
  "日本",
  "a'b",
  'a"b',
  "a# b",
];
const QUOTED = [
  "'it''s'",
  "''",
  "'#x'",
  "' lead'",
  "'a: b'",
  "'1'",
  "'true'",
  '"a\\tb"',
  '"\\u00e9"',
  '"\\x41"',
  '"\\\\"',
  '"\\""',
  '""',
  '"\\N"',
  '"\\_"',
  '"line\\nbreak"',
  '"Bearer "',
  '"\\U0001F600"',
  '"# not a comment"',
  '"null"',
  '"0x10"',
];
const KEYS = [
  "destination",
  "in_rate_limit",
  "params",
  "secrets",
  "a",
  "b c",
  "1",
  "-1",
  "0x10",
  "1.0",
  "1e3",
  "true",
  "null",
  "~",
  '""',
  "''",
  '"with space"',
  "'it''s'",
  '"tab\\tkey"',
  "__proto__",
  "toString",
  "constructor",
  '"<<"',
  "a:b",
  "2024-01-01",
  "Yes",
];
const ODD: Odd[] = ["flow-seq", "flow-map", "empty-flow", "literal", "folded", "next-line", "merge", "tab", "spaced-colon", "tight-colon", "duplicate", "bad-escape"];

const scalarArb: fc.Arbitrary<Tree> = fc.oneof(
  fc.constantFrom(...PLAIN).map((text) => ({ kind: "scalar" as const, text })),
  fc.constantFrom(...QUOTED).map((text) => ({ kind: "scalar" as const, text })),
  fc.constant({ kind: "empty" as const }),
);

/** A tree of at most `depth` levels of collections, with odd values when `odd`. */
export function treeArb(depth: number, odd: boolean): fc.Arbitrary<Tree> {
  if (depth === 0) return scalarArb;
  const child = treeArb(depth - 1, odd);
  const options: fc.WeightedArbitrary<Tree>[] = [
    { weight: 4, arbitrary: scalarArb },
    { weight: 2, arbitrary: fc.array(fc.tuple(fc.constantFrom(...KEYS), child), { minLength: 1, maxLength: 4 }).map((entries) => ({ kind: "map" as const, entries })) },
    { weight: 2, arbitrary: fc.array(child, { minLength: 1, maxLength: 3 }).map((items) => ({ kind: "seq" as const, items })) },
  ];
  if (odd) options.push({ weight: 1, arbitrary: fc.constantFrom(...ODD).map((o) => ({ kind: "odd" as const, odd: o })) });
  return fc.oneof(...options);
}

/** How items are laid out: indentation, the gap after `-`, lists under keys indented or not, and small choices. */
export interface Style {
  indent: 2 | 4;
  dashGap: 1 | 3;
  seqIndented: boolean;
  choices: number[];
}

export const styleArb: fc.Arbitrary<Style> = fc.record({
  indent: fc.constantFrom(2 as const, 4 as const),
  dashGap: fc.constantFrom(1 as const, 1 as const, 3 as const),
  seqIndented: fc.boolean(),
  choices: fc.array(fc.nat({ max: 99 }), { minLength: 64, maxLength: 64 }),
});

/** Renders trees as block YAML; `plain` turns false when anything outside the fast shapes is written. */
export class TreeRenderer {
  plain = true;
  private turn = 0;

  constructor(private readonly style: Style) {}

  private choice(): number {
    return this.style.choices[this.turn++ % this.style.choices.length]!;
  }

  private comment(): string {
    return this.choice() < 15 ? " # note" : "";
  }

  /** Extra lines between entries now and then: a blank line or a comment at some column. */
  private between(column: number): string[] {
    const c = this.choice();
    if (c < 8) return [""];
    if (c < 14) return [`${" ".repeat(c % 2 ? column : 0)}# between`];
    return [];
  }

  /** A mapping at `column` as lines; keys read as the same object key make it not plain (yaml keeps the last, or refuses a duplicate). */
  map(entries: readonly [string, Tree][], column: number): string[] {
    const pad = " ".repeat(column);
    const lines: string[] = [];
    const seen = new Set<string>();
    for (const [index, [key, value]] of entries.entries()) {
      const read = keyRead(key);
      if (seen.has(read)) this.plain = false;
      seen.add(read);
      if (index > 0) lines.push(...this.between(column));
      lines.push(...this.keyValue(pad, key, value, column));
    }
    return lines;
  }

  private keyValue(pad: string, key: string, value: Tree, column: number): string[] {
    const deeper = " ".repeat(column + this.style.indent);
    switch (value.kind) {
      case "scalar":
        return [`${pad}${key}: ${value.text}${this.comment()}`];
      case "empty":
        return [`${pad}${key}:${this.comment()}`];
      case "map":
        return [`${pad}${key}:${this.comment()}`, ...this.map(value.entries, column + this.style.indent)];
      case "seq":
        return [`${pad}${key}:`, ...this.seq(value.items, column + (this.style.seqIndented ? this.style.indent : 0))];
      case "odd":
        this.plain = false;
        return this.odd(value.odd, pad, key, deeper);
    }
  }

  private odd(odd: Odd, pad: string, key: string, deeper: string): string[] {
    switch (odd) {
      case "flow-seq":
        return [`${pad}${key}: [a, 1, "x"]`];
      case "flow-map":
        return [`${pad}${key}: {a: 1, b: [true]}`];
      case "empty-flow":
        return [`${pad}${key}: []`];
      case "literal":
        return [`${pad}${key}: |`, `${deeper}first line`, `${deeper}second: line`];
      case "folded":
        return [`${pad}${key}: >-`, `${deeper}folded`, `${deeper}text`];
      case "next-line":
        return [`${pad}${key}:`, `${deeper}alone`];
      case "merge":
        return [`${pad}${key}:`, `${deeper}<<: {merged: 1}`, `${deeper}own: 2`];
      case "tab":
        return [`${pad}${key}:\tvalue`];
      case "spaced-colon":
        return [`${pad}${key} : spaced`];
      case "tight-colon":
        return [`${pad}"${key.replace(/["\\]/g, "")}":tight`];
      case "duplicate":
        return [`${pad}${key}:`, `${deeper}twice: 1`, `${deeper}twice: 2`];
      case "bad-escape":
        return [`${pad}${key}: "bad \\q escape"`];
    }
  }

  /** A block list at `column` as lines. */
  seq(items: readonly Tree[], column: number): string[] {
    const lines: string[] = [];
    for (const [index, item] of items.entries()) {
      if (index > 0) lines.push(...this.between(column));
      lines.push(...this.entry(item, column));
    }
    return lines;
  }

  /** One `-` entry at `column`: scalars on its line, collections compact (`- k: v`, `- - a`) or below it. */
  entry(item: Tree, column: number): string[] {
    const dash = `${" ".repeat(column)}-`;
    const inner = column + 1 + this.style.dashGap;
    const compact = (lines: string[]) => [`${dash}${" ".repeat(this.style.dashGap)}${lines[0]!.slice(inner)}`, ...lines.slice(1)];
    switch (item.kind) {
      case "scalar":
        return [`${dash} ${item.text}${this.comment()}`];
      case "empty":
        return [dash];
      case "map":
        return this.choice() < 70 ? compact(this.map(item.entries, inner)) : [dash, ...this.map(item.entries, column + this.style.indent)];
      case "seq":
        return this.choice() < 50 ? compact(this.seq(item.items, inner)) : [dash, ...this.seq(item.items, column + this.style.indent)];
      case "odd":
        this.plain = false;
        return [`${dash} [flow, item]`];
    }
  }
}

/** How yaml turns a key's text into an object key (for spotting keys that collide), roughly: collisions only make an item not plain. */
function keyRead(key: string): string {
  const table: Record<string, string> = {
    "1.0": "1",
    "1e3": "1000",
    "0x10": "16",
    null: "",
    "~": "",
    '""': "",
    "''": "",
    "'it''s'": "it's",
    '"with space"': "with space",
    '"<<"': "<<",
    '"tab\\tkey"': "tab\tkey",
    Yes: "Yes",
  };
  return table[key] ?? key;
}
