import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { appendToText, newConfigText } from "./append.js";
import { parseConfig } from "./parse.js";
import { decodeConfig } from "./source.js";

const block = {
  name: "demo",
  destination: "https://demo.example.com",
  outgoing_auth: [{ type: "token", params: { header: "Authorization", prefix: "Bearer ", secrets: ["env:DEMO"] } }],
};

function append(text: string, item: unknown = block): string {
  const source = decodeConfig(Buffer.from(text));
  return appendToText(parseConfig(source.text), source, item);
}

const twoSpace = [
  "  - name: demo",
  "    destination: https://demo.example.com",
  "    outgoing_auth:",
  "      - type: token",
  "        params:",
  "          header: Authorization",
  '          prefix: "Bearer "',
  "          secrets:",
  "            - env:DEMO",
  "",
].join("\n");

describe("appendToText", () => {
  it("adds only the block's lines after the last item of a block list", () => {
    const text = "# head\nintegrations:\n  - name: a # first\n    destination: https://a.example.com\n";
    expect(append(text)).toBe(text + twoSpace);
  });

  it("inserts before trailing comments and blank lines, and before a second document", () => {
    const head = "integrations:\n  - name: a\n    destination: 'https://a.example.com'\n";
    const tail = "\n# the end\n---\nother: doc\n";
    expect(append(head + tail)).toBe(head + twoSpace + tail);
  });

  it("adds a line break first when the file does not end with one", () => {
    const text = "integrations:\n  - name: a\n    destination: https://a.example.com";
    expect(append(text)).toBe(`${text}\n${twoSpace}`);
  });

  it("keeps CRLF line endings for the new lines too", () => {
    const text = "integrations:\r\n  - name: a\r\n    destination: https://a.example.com\r\n";
    expect(append(text)).toBe(text + twoSpace.replaceAll("\n", "\r\n"));
  });

  it("follows a 4-space file's indentation", () => {
    const text = [
      "integrations:",
      "    - name: a",
      "      destination: https://a.example.com",
      "      incoming_auth:",
      "          - type: token",
      "            params:",
      "                header: X-Auth",
      "                secrets:",
      "                    - env:A",
      "",
    ].join("\n");
    const added = [
      "    - name: demo",
      "      destination: https://demo.example.com",
      "      outgoing_auth:",
      "          - type: token",
      "            params:",
      "                header: Authorization",
      '                prefix: "Bearer "',
      "                secrets:",
      "                    - env:DEMO",
      "",
    ].join("\n");
    expect(append(text)).toBe(text + added);
  });

  it("follows an indentless list", () => {
    const text = "integrations:\n- name: a\n  destination: https://a.example.com\n  outgoing_auth:\n  - type: passthrough\n    params: {}\n";
    const out = append(text);
    expect(out.startsWith(text)).toBe(true);
    expect(out.slice(text.length)).toContain("- name: demo\n  destination: https://demo.example.com\n  outgoing_auth:\n  - type: token\n");
  });

  it.each([
    ["integrations: []\n", "integrations:\n"],
    ["integrations:\n", "integrations:\n"],
    ["integrations: ~\n", "integrations:\n"],
    ["integrations: null # none yet\n", "integrations: # none yet\n"],
  ])("rewrites the empty list %j as a block list", (text, head) => {
    expect(append(text)).toBe(head + twoSpace);
  });

  it("rewrites a flow-style list as a block list, keeping its items", () => {
    const out = append("# c\nintegrations: [{name: a, destination: 'https://a.example.com'}]\n");
    expect(out.startsWith("# c\nintegrations:\n  - name: a\n    destination: https://a.example.com\n  - name: demo\n")).toBe(true);
    expect(parse(out).integrations).toHaveLength(2);
  });

  it("adds the integrations key to a file that has none", () => {
    expect(append("# only a comment\n")).toBe(`# only a comment\nintegrations:\n${twoSpace}`);
    expect(append("")).toBe(`integrations:\n${twoSpace}`);
  });

  it("honours the file's merge keys when reading it back", () => {
    const text = "integrations:\n  - name: a\n    destination: &d https://a.example.com\n  - <<: {destination: *d}\n    name: b\n";
    const out = append(text);
    expect(parseConfig(out).data).toMatchObject({ integrations: [{ name: "a" }, { name: "b", destination: "https://a.example.com" }, { name: "demo" }] });
  });

  it("writes a new file with a 2-space list", () => {
    expect(newConfigText(block)).toBe(`integrations:\n${twoSpace}`);
  });
});

describe("a comment after the last item at the list's indentation", () => {
  it("is not taken for an item", () => {
    const text = "integrations:\n  - name: a\n    destination: https://a.example.com\n  # more go above this line\n";
    expect(append(text)).toBe(`integrations:\n  - name: a\n    destination: https://a.example.com\n${twoSpace}  # more go above this line\n`);
  });
});

describe("an integrations value that is not a list", () => {
  it.each(["integrations: {example: {destination: 'http://backend.example.com'}}\n", "integrations:\n  example:\n    destination: http://backend.example.com\n", "integrations: just text\n"])(
    "is refused, not rewritten: %j",
    (text) => {
      expect(() => append(text)).toThrow(/integrations must be a list of integration blocks/);
    },
  );
});
