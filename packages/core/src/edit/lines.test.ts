import { describe, expect, it } from "vitest";
import { lineSpan } from "./lines.js";

describe("lineSpan", () => {
  const text = "# top\nintegrations:\n  - name: a\n    destination: x\n  - name: b\n";
  const at = (line: string) => text.indexOf(line);

  it("gives the 1-based, inclusive lines of a range of whole lines", () => {
    expect(lineSpan(text, at("  - name: a"), at("  - name: b"))).toEqual({ first: 3, last: 4 });
    expect(lineSpan(text, at("  - name: b"), text.length)).toEqual({ first: 5, last: 5 });
  });

  it("counts a last line without a line end, and CRLF line ends", () => {
    expect(lineSpan("integrations:\n  - name: a\n    x: 1", 14, 33)).toEqual({ first: 2, last: 3 });
    expect(lineSpan("integrations:\r\n  - name: a\r\n    x: 1\r\n", 15, 38)).toEqual({ first: 2, last: 3 });
  });
});
