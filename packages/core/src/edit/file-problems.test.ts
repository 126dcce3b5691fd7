import { describe, expect, it } from "vitest";
import { scanIntegrations } from "../yaml/scan.js";
import { otherKeysProblem, otherTopLevelKeys, problemsOutside } from "./file-problems.js";
import { parseConfig } from "../yaml/parse.js";

const block = (name: string, destination = "https://s.example.com") => `  - name: ${name}\n    destination: ${destination}\n`;

describe("otherTopLevelKeys", () => {
  it("lists the first document's keys around the list, plain or quoted, and none from a later document", () => {
    const text = `---\n# c\nlisten: ":8080"\n"quoted key": 1\nnested:\n  a: 1\nintegrations:\n${block("a")}${block("b")}after: x\n'it''s': 2\n---\nnext: 1\n`;
    expect(otherTopLevelKeys(text, scanIntegrations(text)!)).toEqual(["listen", "quoted key", "nested", "after", "it's"]);
  });

  it("finds none in a file with only integrations", () => {
    const text = `# head\nintegrations:\n${block("a")}# tail\n`;
    expect(otherTopLevelKeys(text, scanIntegrations(text)!)).toEqual([]);
  });
});

describe("problemsOutside", () => {
  it("gives the proxy's errors outside the edited item, the file's own shape first", () => {
    const text = `listen: 1\nintegrations:\n${block("a", "a.example.com")}${block("b", "b.example.com")}`;
    const problems = problemsOutside(parseConfig(text).data, 1, text.length);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^unknown key "listen"/);
    expect(problems[1]).toMatch(/^integrations\[0\]\.destination: "a\.example\.com" has no scheme/);
  });

  it("looks only at top-level keys in a large file", () => {
    const text = `listen: 1\nintegrations:\n${block("a", "a.example.com")}`;
    expect(problemsOutside(parseConfig(text).data, undefined, 64 * 1024)).toEqual(otherKeysProblem(["listen"]));
  });
});
