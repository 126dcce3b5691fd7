import { describe, expect, it } from "vitest";
import { integrationList } from "../edit/full-view.js";
import { locateIntegrations } from "./locate.js";
import { parseConfig } from "./parse.js";
import { scanIntegrations } from "./scan.js";

/** What the whole-file CST and Document say: each item's line range and name. */
function fromWholeParse(text: string) {
  const parsed = parseConfig(text);
  const location = locateIntegrations(parsed.tokens, text);
  if (location.kind !== "block") throw new Error(`not a block list: ${location.kind}`);
  const names = integrationList(parsed).map((item) => item.name);
  return { dashColumn: location.dashColumn, items: location.items.map(({ start, end }, i) => ({ start, end, name: names[i] })) };
}

describe("scanIntegrations finds what the whole parse finds", () => {
  it.each([
    [
      "block scalars whose text looks like the list, before it and inside an item",
      [
        "notes: |",
        "  integrations:",
        "  - name: not-an-item",
        "integrations:",
        "  - name: a",
        "    destination: https://a.example.com",
        "    description: |",
        "      integrations:",
        "        - name: fake",
        "      - name: fake-too",
        "  - name: b",
        "    destination: https://b.example.com",
        "",
      ],
    ],
    [
      "comments between items at every indentation, blank lines, trailing comments",
      [
        "# head",
        "integrations: # the list",
        "# a comment in column 0 before the first item",
        "  - name: a # trailing",
        "# column 0 inside the list",
        "      # deep comment",
        "    destination: https://a.example.com",
        "",
        "  # about b",
        "",
        "  - name: b",
        "    destination: https://b.example.com",
        "  # after the last item",
        "",
        "# end",
      ],
    ],
    [
      "quoted keys and names, a flow list on one line, an indentless nested list",
      [
        "integrations:",
        "- \"name\": 'a b'",
        '  destination: "https://a.example.com"',
        "  outgoing_auth:",
        "  - type: token",
        "    params: {header: X-Auth, secrets: [env:A]}",
        "- destination: https://b.example.com",
        '  name: "b\\u00e9" # escaped',
        "other: key",
      ],
    ],
    [
      "a block scalar last in an item with blank lines after it, `---` and a second document with its own list",
      ["---", "integrations:", "    - name: a", "      note: |", "        text", "", "", "    - name: b", "      empty: >", "", "---", "integrations:", "  - name: z", ""],
    ],
    ["CRLF line ends and no final line break", ["integrations:\r", "  - name: a\r", "    destination: https://a.example.com"]],
  ])("%s", (_what, lines) => {
    const text = lines.join("\n");
    const scan = scanIntegrations(text);
    expect(scan).toBeDefined();
    const whole = fromWholeParse(text);
    expect({ dashColumn: scan!.dashColumn, items: scan!.items }).toEqual(whole);
  });
});

it("keeps the blank lines after a keep-chomped block scalar in its item, where they are part of its value", () => {
  const text = "integrations:\n  - name: a\n    note: |+\n      kept\n\n\n  - name: b\n";
  expect(parseConfig(text).data).toEqual({ integrations: [{ name: "a", note: "kept\n\n\n" }, { name: "b" }] });
  // The CST ends the item before them; an item parsed alone from the CST's range would lose them.
  expect(scanIntegrations(text)!.items[0]).toEqual({ start: 14, end: text.indexOf("  - name: b"), name: "a" });
  expect(fromWholeParse(text).items[0]!.end).toBe(text.indexOf("kept\n") + 5);
});

describe("scanIntegrations leaves unusual files to the whole parse", () => {
  const item = "  - name: a\n    destination: https://a.example.com\n";
  it.each([
    ["an anchor", `integrations:\n  - &base\n    name: a\n`],
    ["an alias and a merge key", `base: &b {destination: x}\nintegrations:\n  - <<: *b\n    name: a\n`],
    ["a tag", `integrations:\n  - name: !!str a\n`],
    ["a name that is not a string", `integrations:\n  - name: 123\n`],
    ["a null name", `integrations:\n  - name: null\n`],
    ["no name", `integrations:\n  - destination: https://a.example.com\n`],
    ["two names (a duplicate key)", `integrations:\n${item}    name: b\n`],
    ["a name on the next line", `integrations:\n  - name:\n      a\n`],
    ["an empty list", `integrations: []\n`],
    ["a null list", `integrations:\nother: 1\n`],
    ["a flow list", `integrations: [{name: a}]\n`],
    ["a flow item", `integrations:\n  - {name: a}\n`],
    ["a mapping instead of a list", `integrations:\n  a:\n    destination: x\n`],
    ["a flow collection over two lines", `integrations:\n${item}    params: {a: 1,\n      b: 2}\n`],
    ["a quoted scalar over two lines", `integrations:\n${item}    x: "one\n      two"\n`],
    ["a plain scalar over two lines", `integrations:\n${item}    x: one\n      two\n`],
    ["tabs as indentation", `integrations:\n\t- name: a\n`],
    ["an explicit key", `integrations:\n  - ? name\n    : a\n`],
    ["a directive", `%YAML 1.2\n---\nintegrations:\n${item}`],
    ["an indented top level", `  integrations:\n  ${item}`],
    ["a line indented between the dash and the keys", `integrations:\n${item}   x: 1\n`],
    ["a second integrations key", `integrations:\n${item}integrations:\n${item}`],
    ["no integrations key", `other: 1\n`],
  ])("%s", (_what, text) => {
    expect(scanIntegrations(text)).toBeUndefined();
  });
});
