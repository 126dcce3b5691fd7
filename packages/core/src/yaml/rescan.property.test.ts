/**
 * Issue 13 point 7: an edit's proof scans only the lines around the change (`rescanEdited`). Whenever
 * it answers, its answer must be exactly what scanning the whole new text gives — the same items,
 * ranges and names, and never an answer where the whole scan finds the text outside the subset.
 * Texts are hand-written configs in random layouts (test-support/config-text.ts); edits replace a
 * random run of lines with lines of other generated items or with lines meant to break the
 * window's reasoning: block scalars keeping trailing blank lines, lines less indented than the list,
 * unclosed quotes and brackets, document markers, top-level keys, tabs, anchors, explicit keys.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { layoutArb, renderConfig } from "../../test-support/config-text.js";
import { integrationListArb } from "../../test-support/integration-arbitraries.js";
import { rescanEdited } from "./rescan.js";
import { scanIntegrations } from "./scan.js";
import { decodeConfig } from "./source.js";

const SEED = Number(process.env.FC_SEED ?? 20_261_202);
const RUNS = Number(process.env.FC_RUNS ?? 400);

/** Lines an edit may put in, `D` standing for the list's dash column in spaces. */
const HOSTILE = [
  "D- name: inserted",
  "D  destination: https://example.com",
  "D  note: |+",
  "D    kept",
  "",
  "D  # a comment",
  "# a comment at column 0",
  'D  quote: "unclosed',
  "D  flow: [a,",
  "D  ]",
  "---",
  "...",
  "other: 1",
  "integrations:",
  "D-",
  "D    - nested",
  "D  name: twice",
  "\tD- tab",
  "D  ? explicit",
  "D  anchor: &a x",
  "D- - nested list",
  "D  plain",
  "D continued plain",
  "D- name: 'quoted'",
];

/** One run of lines replaced: `remove` lines at `at`, and lines put in their place. */
const editArb = fc.record({
  at: fc.nat(),
  remove: fc.nat({ max: 4 }),
  from: fc.array(
    fc.oneof(
      fc.nat({ max: HOSTILE.length - 1 }).map((i) => ({ hostile: i })),
      fc.nat().map((i) => ({ other: i })),
    ),
    { maxLength: 5 },
  ),
});
/** Or one character of line `at` changed, its length kept (a name's last letter, say). */
const tweakArb = fc.record({ at: fc.nat(), tweak: fc.constant(true) });
/** One or two edits (the second further down): what the new text shares with the old may then be split. */
const editsArb = fc.array(fc.oneof(editArb, tweakArb), { minLength: 1, maxLength: 2 });

describe("rescanning around an edit", () => {
  it("answers only as a scan of the whole new text answers", () => {
    let answered = 0;
    let runs = 0;
    fc.assert(
      fc.property(integrationListArb({ minLength: 1, maxLength: 5 }), integrationListArb({ minLength: 1, maxLength: 2 }), layoutArb(), editsArb, (existing, others, layout, edits) => {
        const before = decodeConfig(Buffer.from(renderConfig(existing, layout))).text;
        const scan = scanIntegrations(before);
        if (!scan) return;
        runs++;
        const eol = before.includes("\r\n") ? "\r\n" : "\n";
        const dash = " ".repeat(scan.dashColumn);
        const otherLines = decodeConfig(Buffer.from(renderConfig(others, { ...layout, bom: false, crlf: false }))).text.split("\n");
        // Edit whole lines inside or around the list (the first line of the list on), the later run first.
        let lines = before.split(/(?<=\n)/);
        const listLine = before.slice(0, scan.items[0]!.start).split("\n").length - 1;
        const cuts = edits.map((edit) => ({ ...edit, at: listLine + (edit.at % Math.max(lines.length - listLine, 1)) })).sort((a, b) => b.at - a.at);
        for (const edit of cuts) {
          if ("tweak" in edit) {
            const line = lines[edit.at] ?? "";
            const last = line.replace(/\r?\n$/, "").length - 1;
            if (last >= 0) lines[edit.at] = line.slice(0, last) + (line[last] === "x" ? "y" : "x") + line.slice(last + 1);
            continue;
          }
          const inserted = edit.from.map((line) => ("hostile" in line ? HOSTILE[line.hostile]!.replace("D", dash) : otherLines[line.other % otherLines.length]!));
          lines = [...lines.slice(0, edit.at), ...inserted.map((line) => line + eol), ...lines.slice(edit.at + edit.remove)];
        }
        const after = lines.join("");
        const fast = rescanEdited(before, scan, after);
        if (!fast) return;
        answered++;
        expect(fast, `${JSON.stringify(before)}\n→ ${JSON.stringify(after)}`).toEqual(scanIntegrations(after));
      }),
      { seed: SEED, numRuns: RUNS },
    );
    expect(answered).toBeGreaterThan(runs / 4);
    console.log(`rescan around an edit: answered ${answered} of ${runs} edits`);
  });
});
