/**
 * Issue 6 point 8, second property: random edits never change a byte outside the edited block.
 * Config texts are written by hand in random layouts (indentation 2/3/4, `-` in column 0/2/4, plain
 * and quoted scalars, flow lists, comments, blank lines, other top-level keys, `---` and a second
 * document, CRLF, BOM, no final newline); random sequences of add, update (merge or replace, name in
 * any case), delete, and refused adds run through the core's edit functions. After each edit,
 * everything before the edited block's first line and after its last line is byte-identical (the
 * block's lines are found with the `yaml` package, not with the code under test), the BOM and the
 * line endings are kept, and the list still validates.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { assertValidConfig, makeTempDir } from "@integrations/test-utils";
import { layoutArb, mapText, readList, renderConfig, type Layout } from "../../test-support/config-text.js";
import { editOpArb, integrationListArb, type EditOp } from "../../test-support/integration-arbitraries.js";
import { addIntegration } from "./add.js";
import { deleteIntegration } from "./delete.js";
import { updateIntegration } from "./update.js";
import { ConfigError } from "../errors.js";
import type { Integration } from "../format/schema.js";

/** Fixed so that a failure replays; fast-check prints it (and the shrunk path) on failure. */
const SEED = Number(process.env.FC_SEED ?? 20_260_806);
const RUNS = Number(process.env.FC_RUNS ?? 150);

const scenarioArb = fc.record({
  existing: integrationListArb({ minLength: 1, maxLength: 4 }),
  layout: layoutArb(),
  ops: fc.array(editOpArb, { minLength: 1, maxLength: 6 }),
});

/** `after` equals `before` outside [start, end) of `before`: same bytes before, same bytes after. */
function expectOnlyBetween(before: string, after: string, start: number, end: number): void {
  const tail = before.length - end;
  expect(after.length, "the edited text is shorter than what it had to keep").toBeGreaterThanOrEqual(start + tail);
  expect(after.slice(0, start), "bytes before the edited block changed").toBe(before.slice(0, start));
  expect(after.slice(after.length - tail), "bytes after the edited block changed").toBe(before.slice(end));
}

/** The list validates (published schema and our rules); the whole file too when it holds nothing else. */
function expectValid(text: string, layout: Layout): void {
  const alone = layout.before.length === 0 && layout.after.length === 0 && !layout.secondDocument;
  assertValidConfig(alone ? text : stringify({ integrations: readList(text) }));
}

const nameIn = (names: readonly string[], name: string) => names.some((n) => n.toLowerCase() === name.toLowerCase());

/** Runs one op on `file` (holding `text`, BOM stripped) and checks which bytes it may change. */
async function runOp(file: string, text: string, op: EditOp, step: number): Promise<(after: string) => void> {
  const map = mapText(text);
  const names = (readList(text) as Integration[]).map((block) => block.name);
  const index = names.length ? ("target" in op ? op.target % names.length : 0) : -1;
  const spelled = (name: string) => ("upper" in op && op.upper ? name.toUpperCase() : name);
  if (op.kind === "add" || (op.kind === "update" && index === -1)) {
    let name = op.block.name;
    for (let n = step; nameIn(names, name); n++) name = `${op.block.name}-${n}`;
    const block = { ...op.block, name };
    if (op.kind === "add") await addIntegration(file, block);
    else expect((await updateIntegration(file, block, { add: true })).action).toBe("added");
    const region = map.items.length ? { start: map.items.at(-1)!.end, end: map.items.at(-1)!.end } : map.keyLine;
    return (after) => {
      expectOnlyBetween(text, after, region.start, region.end);
      expect(readList(after)).toEqual([...readList(text), block]);
    };
  }
  if (index === -1) {
    // Nothing to delete or duplicate: refused, and the file stays as it was.
    await expect(deleteIntegration(file, "absent")).rejects.toThrow(ConfigError);
    return (after) => expect(after).toBe(text);
  }
  const item = map.items[index]!;
  const name = spelled(names[index]!);
  switch (op.kind) {
    case "update": {
      const block = { ...op.block, name };
      expect((await updateIntegration(file, block, { replace: op.replace })).action).toBe("updated");
      return (after) => {
        expectOnlyBetween(text, after, item.start, item.end);
        if (op.replace) expect(readList(after)[index]).toEqual({ ...op.block, name: names[index] });
      };
    }
    case "delete": {
      await deleteIntegration(file, name);
      const { colonEnd } = map;
      const expected = names.length > 1 ? text.slice(0, item.start) + text.slice(item.end) : text.slice(0, colonEnd) + " []" + text.slice(colonEnd, item.start) + text.slice(item.end);
      return (after) => expect(after).toBe(expected);
    }
    case "duplicate":
      await expect(addIntegration(file, { ...op.block, name })).rejects.toThrow(ConfigError);
      return (after) => expect(after).toBe(text);
  }
}

describe("random edits never change a byte outside the edited block", () => {
  it("holds for add, update, delete and refused adds on hand-written files of every layout", async () => {
    let edits = 0;
    await fc.assert(
      fc.asyncProperty(scenarioArb, async ({ existing, layout, ops }) => {
        const file = join(makeTempDir(), "config.yaml");
        writeFileSync(file, renderConfig(existing, layout));
        expect(readList(readFileSync(file, "utf8").replace(/^\uFEFF/, ""))).toEqual(existing); // reads as meant
        for (const [step, op] of ops.entries()) {
          const raw = readFileSync(file, "utf8");
          const check = await runOp(file, raw.replace(/^\uFEFF/, ""), op, step);
          const written = readFileSync(file, "utf8");
          expect(written.startsWith("\uFEFF"), "the byte-order mark is kept (or not added)").toBe(layout.bom);
          const after = written.replace(/^\uFEFF/, "");
          if (layout.crlf) expect(after, "a CRLF file stays CRLF").not.toMatch(/(?<!\r)\n/);
          check(after);
          expectValid(after, layout);
          edits++;
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
    expect(edits).toBeGreaterThanOrEqual(RUNS);
    console.log(`edit-bytes property: ${RUNS} files, ${edits} edits checked`);
  }, 300_000);
});
