/**
 * Issue 7: range-based edits give exactly what whole-file edits give. Config texts are written by
 * hand in random layouts (test-support/config-text.ts: indentation, `-` columns, quoting, flow lists,
 * comments, other top-level keys, `---`, second documents, CRLF, no final newline); random adds,
 * updates (merge or replace, name in any case), deletes and refused adds run through both views of
 * the same file. Whenever the cheap scan takes a file, (1) its item ranges and names are the ones the
 * whole-file CST and Document give, and (2) the ranged view's new text, names and changed block, or
 * its error, are exactly the whole-file view's.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { layoutArb, renderConfig } from "../../test-support/config-text.js";
import { editOpArb, integrationListArb, type EditOp } from "../../test-support/integration-arbitraries.js";
import { addOperation } from "./add.js";
import { deleteOperation } from "./delete.js";
import { fullView, integrationList } from "./full-view.js";
import { rangedView } from "./ranged-view.js";
import { updateOperation } from "./update.js";
import type { ConfigView, Operation } from "./view.js";
import type { Integration } from "../format/schema.js";
import { locateIntegrations } from "../yaml/locate.js";
import { parseConfig } from "../yaml/parse.js";
import { scanIntegrations } from "../yaml/scan.js";
import { decodeConfig } from "../yaml/source.js";

const SEED = Number(process.env.FC_SEED ?? 20_261_129);
const RUNS = Number(process.env.FC_RUNS ?? 300);

function decide(view: ConfigView, op: EditOp, existing: readonly Integration[]): Operation {
  const named = (target: number, upper: boolean) => {
    const name = existing[target % existing.length]!.name;
    return upper ? name.toUpperCase() : name;
  };
  switch (op.kind) {
    case "add":
      return addOperation(view, op.block);
    case "duplicate":
      return addOperation(view, { ...op.block, name: named(op.target, op.upper) });
    case "update":
      return updateOperation(view, { ...op.block, name: named(op.target, op.upper) }, op.replace);
    case "delete":
      return deleteOperation(view, named(op.target, op.upper));
  }
}

/** What a view makes of the op: its outcome, or its error's message. */
function attempt(view: ConfigView, op: EditOp, existing: readonly Integration[]): unknown {
  try {
    return view.apply(decide(view, op, existing));
  } catch (error) {
    return { error: (error as Error).message };
  }
}

describe("range-based edits", () => {
  it("agree with whole-file edits, byte for byte, on hand-written files of every layout", () => {
    let ranged = 0;
    let runs = 0;
    fc.assert(
      fc.property(integrationListArb({ minLength: 1, maxLength: 5 }), layoutArb(), editOpArb, (existing, layout, op) => {
        runs++;
        const source = decodeConfig(Buffer.from(renderConfig(existing, layout)));
        const scan = scanIntegrations(source.text);
        if (!scan) return;
        ranged++;
        const parsed = parseConfig(source.text);
        const location = locateIntegrations(parsed.tokens, parsed.text);
        if (location.kind !== "block") throw new Error(`the scan took a list the CST reads as ${location.kind}`);
        expect(scan.items.map(({ start, end }) => [start, end])).toEqual(location.items.map(({ start, end }) => [start, end]));
        expect(scan.items.map((item) => item.name)).toEqual(integrationList(parsed).map((item) => item.name));
        expect(scan.dashColumn).toBe(location.dashColumn);
        expect(attempt(rangedView(source, scan), op, existing)).toEqual(attempt(fullView(source, parsed), op, existing));
      }),
      { seed: SEED, numRuns: RUNS },
    );
    // The property says nothing if the scan gives up on everything: most generated layouts are in its subset.
    expect(ranged).toBeGreaterThan(runs / 3);
    console.log(`range-based edits: ${ranged} of ${runs} generated files taken by the scan`);
  });
});
