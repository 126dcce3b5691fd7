/**
 * Issue 6 point 8, first property: random valid integrations written with the core's own edit
 * functions read back with the core's reader exactly as they were generated — into a new file, and
 * into an existing file full of other content (comments, other keys, other blocks, CRLF, BOM).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { assertValidConfig, makeTempDir } from "@integrations/test-utils";
import { layoutArb, readList, renderConfig } from "../../test-support/config-text.js";
import { integrationArb, integrationListArb } from "../../test-support/integration-arbitraries.js";
import { addIntegration } from "../edit/add.js";
import { integrationList } from "../edit/frame.js";
import { updateIntegration } from "../edit/update.js";
import { readConfig } from "../edit/read-config.js";
import type { Integration } from "../format/schema.js";
import { validateIntegration } from "../format/validate.js";

/** Fixed so that a failure replays; fast-check prints it (and the shrunk path) on failure. */
const SEED = Number(process.env.FC_SEED ?? 20_260_806);
const RUNS = Number(process.env.FC_RUNS ?? 200);

const newFile = () => join(makeTempDir(), "config.yaml");

/** The text without BOM, its integrations list checked against the published schema and our rules. */
function assertListValid(text: string): void {
  assertValidConfig(stringify({ integrations: readList(text.replace(/^\uFEFF/, "")) }));
}

/** Writes one block through `add` or through `update`'s append path (both are how the CLI adds). */
async function write(file: string, block: Integration, via: "add" | "update"): Promise<void> {
  if (via === "add") await addIntegration(file, block);
  else expect((await updateIntegration(file, block, { add: true })).action).toBe("added");
}

const blocksWithWriters = integrationListArb({ minLength: 1, maxLength: 6 }).chain((blocks) =>
  fc.tuple(fc.constant(blocks), fc.array(fc.constantFrom("add" as const, "update" as const), { minLength: blocks.length, maxLength: blocks.length })),
);

describe("random valid integrations round-trip through write and read", () => {
  it("generated blocks are valid under the core schema (the generator itself is checked)", () => {
    fc.assert(
      fc.property(integrationArb, (block) => {
        expect(validateIntegration(block).errors).toEqual([]);
      }),
      { seed: SEED, numRuns: RUNS * 5 },
    );
  });

  it("into a new file: what is read back is exactly what was written", async () => {
    await fc.assert(
      fc.asyncProperty(blocksWithWriters, async ([blocks, writers]) => {
        const file = newFile();
        for (const [i, block] of blocks.entries()) await write(file, block, writers[i]!);
        const text = readFileSync(file, "utf8");
        assertValidConfig(text);
        expect(integrationList(readConfig(file))).toEqual(blocks);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  }, 300_000);

  it("into a file with other content: the old blocks, then the new ones, each exactly as written", async () => {
    const scenario = fc
      .record({
        existing: integrationListArb({ maxLength: 3 }),
        added: integrationListArb({ minLength: 1, maxLength: 4 }),
        layout: layoutArb(),
        via: fc.constantFrom("add" as const, "update" as const),
      })
      .filter(({ existing, added }) => {
        const taken = new Set(existing.map((block) => block.name.toLowerCase()));
        return added.every((block) => !taken.has(block.name.toLowerCase()));
      });
    await fc.assert(
      fc.asyncProperty(scenario, async ({ existing, added, layout, via }) => {
        const file = newFile();
        const original = renderConfig(existing, layout);
        writeFileSync(file, original);
        expect(integrationList(readConfig(file))).toEqual(existing); // the hand-written file reads as meant
        for (const block of added) await write(file, block, via);
        assertListValid(readFileSync(file, "utf8"));
        expect(integrationList(readConfig(file))).toEqual([...existing, ...added]);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  }, 300_000);

  it("an update with --replace reads back as the new block, under the name as written", async () => {
    const scenario = fc.record({
      existing: integrationListArb({ minLength: 1, maxLength: 4 }),
      replacement: integrationArb,
      target: fc.nat(),
      upper: fc.boolean(),
      layout: layoutArb(),
    });
    await fc.assert(
      fc.asyncProperty(scenario, async ({ existing, replacement, target, upper, layout }) => {
        const file = newFile();
        writeFileSync(file, renderConfig(existing, layout));
        const index = target % existing.length;
        const written = existing[index]!.name;
        const block = { ...replacement, name: upper ? written.toUpperCase() : written };
        expect((await updateIntegration(file, block, { replace: true })).action).toBe("updated");
        assertListValid(readFileSync(file, "utf8"));
        const expected = existing.map((old, i) => (i === index ? { ...replacement, name: written } : old));
        expect(integrationList(readConfig(file))).toEqual(expected);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  }, 300_000);
});

describe("found by the properties above", () => {
  // Shrunk from the seed above: yaml's stringify writes a prefix holding DEL (U+007F; equally the other
  // control characters and U+FFFE/U+FFFF) raw, and the reader then refuses the file it wrote, so the
  // schema refuses control characters in free text.
  it.each(["\u007f", "\u0085", "\u009b", "\uffff", "\u0000", "a\r\nX-Injected: 1", "tab\there"])("a block whose prefix holds %j is refused and nothing is written", async (prefix) => {
    const file = newFile();
    const block: Integration = {
      name: "a",
      destination: "https://a.example.com",
      outgoing_auth: [{ type: "jwt", params: { secrets: ["env:A"], prefix } }],
    };
    await expect(addIntegration(file, block)).rejects.toThrow(/prefix: must not contain control characters/);
    expect(existsSync(file)).toBe(false);
  });
});
