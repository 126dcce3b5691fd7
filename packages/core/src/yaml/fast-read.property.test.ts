/**
 * Issue 13 point 7: the fast reader (items' data built from the scan's Lexer tokens, yaml composing
 * only the items outside its shapes) reads exactly what `parseConfig` reads — the same data, the same
 * error message, the same line for every key — for generated block-style files: keys and values that
 * look like numbers, booleans and nulls, quoted scalars with escapes, empty values, comments, blank
 * lines, CRLF, and values just outside the fast shapes, which must go to yaml.
 */
import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { styleArb, TreeRenderer, treeArb, type Tree } from "../../test-support/yaml-tree-arbitraries.js";
import { ConfigError } from "../errors.js";
import type { ConfigRead } from "../edit/read-config.js";
import { parseConfig } from "./parse.js";
import { readByItems } from "./read-items.js";
import { scanIntegrations } from "./scan.js";

/** Fixed so that a failure replays; fast-check prints it (and the shrunk path) on failure. */
const SEED = Number(process.env.FC_SEED ?? 20_261_202);
const RUNS = Number(process.env.FC_RUNS ?? 300);

const NAMES = ["n0", "'quoted name'", '"double \\t name"', "Name_1"];

const fileArb = (odd: boolean) =>
  fc.record({
    style: styleArb,
    dashColumn: fc.constantFrom(0, 2, 4),
    crlf: fc.boolean(),
    header: fc.boolean(),
    trailer: fc.boolean(),
    items: fc.array(
      fc.record({
        name: fc.constantFrom(...NAMES),
        at: fc.nat({ max: 4 }),
        entries: fc.array(fc.tuple(fc.constantFrom("destination", "in_rate_limit", "incoming_auth", "1", "true", "~", "'x'", "a b"), treeArb(3, odd)), { maxLength: 4 }),
      }),
      { minLength: 1, maxLength: 5 },
    ),
  });

interface Rendered {
  text: string;
  /** Per item: whether it stays in the fast shapes. */
  plain: boolean[];
}

type File = ReturnType<typeof fileArb> extends fc.Arbitrary<infer F> ? F : never;

function render(file: File): Rendered {
  const lines: string[] = [];
  const plain: boolean[] = [];
  if (file.header) lines.push("# config", "version: 2", "");
  lines.push("integrations:");
  for (const [index, item] of file.items.entries()) {
    const renderer = new TreeRenderer(file.style);
    const name = item.name === "n0" ? `n${index}` : item.name;
    const entries: [string, Tree][] = [...item.entries];
    entries.splice(Math.min(item.at, entries.length), 0, ["name", { kind: "scalar", text: name }]);
    lines.push(...renderer.entry({ kind: "map", entries }, file.dashColumn));
    plain.push(renderer.plain);
  }
  if (file.trailer) lines.push("# after the list", "logging:", "  level: debug");
  const body = `${lines.join("\n")}\n`;
  return { text: file.crlf ? body.replaceAll("\n", "\r\n") : body, plain };
}

type Read = { data: unknown; lines: (number | undefined)[] } | { error: string };

/** What a reader makes of `text`: its data and the line of every item's keys, or its error message. */
function outcome(read: () => Pick<ConfigRead, "data" | "lineOf" | "keyLineOf">): Read {
  try {
    const { data, lineOf, keyLineOf } = read();
    const list = (data as { integrations: Record<string, unknown>[] }).integrations;
    const lines = list.flatMap((item, index) => [
      lineOf(["integrations", index]),
      ...Object.keys(item).flatMap((key) => [lineOf(["integrations", index, key]), keyLineOf(["integrations", index, key])]),
    ]);
    return { data, lines };
  } catch (error) {
    if (error instanceof ConfigError) return { error: error.message };
    throw error;
  }
}

describe("the fast reader reads block-style files exactly as parseConfig does", () => {
  const check = (odd: boolean) => {
    let scanned = 0;
    let fast = 0;
    fc.assert(
      fc.property(fileArb(odd), (file) => {
        const { text, plain } = render(file);
        const scan = scanIntegrations(text, { data: true });
        if (!scan) return; // the scan left the file to the whole parse (e.g. an odd value in an item's first level)
        scanned++;
        const expected = outcome(() => parseConfig(text));
        const actual = outcome(() => readByItems(text, scan));
        // node's deep equality (prototypes, -0 and 0, NaN, own `constructor` keys); vitest's only for its diff
        if (!isDeepStrictEqual(actual, expected)) expect(actual, text).toEqual(expected);
        expect(isDeepStrictEqual(actual, expected), text).toBe(true);
        for (const [index, item] of scan.items.entries()) {
          if (plain[index]) expect(item.data, `item ${index} is in the fast shapes:\n${text}`).toBeDefined();
          if (item.data) fast++;
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
    return { scanned, fast };
  };

  it("files in the fast shapes: every item is read without yaml, and reads as parseConfig reads it", () => {
    const { scanned, fast } = check(false);
    expect(scanned).toBe(RUNS);
    expect(fast).toBeGreaterThan(RUNS);
  });

  it("files with values just outside them: those items go to yaml, and the file still reads (or fails) as parseConfig says", () => {
    const { scanned } = check(true);
    expect(scanned).toBeGreaterThan(RUNS / 2);
  });
});
