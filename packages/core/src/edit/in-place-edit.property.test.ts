/**
 * Issue 17, "Edits that move only what they must": on hand-written files of every layout (see
 * config-text.ts), an update that changes one value (a secret reference deep in an auth entry's
 * params, or the destination) changes exactly one line, the one holding that value, whatever the
 * quoting, flow style and comments around it; the file reads back as the updated list. Both views
 * (range-based where the scan takes the file, whole-file always) are checked.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { layoutArb, readList, renderConfig } from "../../test-support/config-text.js";
import { destinationArb, integrationListArb, secretRefArb } from "../../test-support/integration-arbitraries.js";
import { fullView } from "./full-view.js";
import { rangedView } from "./ranged-view.js";
import { updateOperation } from "./update.js";
import type { ConfigView } from "./view.js";
import type { Integration } from "../format/schema.js";
import { parseConfig } from "../yaml/parse.js";
import { scanIntegrations } from "../yaml/scan.js";
import { decodeConfig } from "../yaml/source.js";

const SEED = Number(process.env.FC_SEED ?? 20_261_203);
const RUNS = Number(process.env.FC_RUNS ?? 150);

/** Every secret reference's path in a block: [auth list, entry, "params", "secrets", i]. */
function secretPaths(block: Integration): (string | number)[][] {
  const paths: (string | number)[][] = [];
  for (const list of ["incoming_auth", "outgoing_auth"] as const) {
    block[list]?.forEach((entry, e) => {
      const secrets = entry.params?.secrets;
      if (Array.isArray(secrets)) secrets.forEach((_, i) => paths.push([list, e, "params", "secrets", i]));
    });
  }
  return paths;
}

function withValue(block: Integration, path: (string | number)[], value: string): Integration {
  const copy = structuredClone(block) as unknown as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path.at(-1)!] = value;
  return copy as unknown as Integration;
}

describe("an update that changes one value", () => {
  it("changes only the line holding it, in every layout", () => {
    fc.assert(
      fc.property(integrationListArb({ minLength: 1, maxLength: 3 }), layoutArb(), fc.nat(), fc.nat(), secretRefArb, destinationArb, (list, layout, pick, leaf, secret, destination) => {
        const index = pick % list.length;
        const block = list[index]!;
        const paths = secretPaths(block);
        const path = paths.length > 0 && leaf % 3 !== 0 ? paths[leaf % paths.length]! : ["destination"];
        const value = path[0] === "destination" ? destination : secret;
        const changed = withValue(block, path, value);
        fc.pre(JSON.stringify(changed) !== JSON.stringify(block));

        const source = decodeConfig(Buffer.from(renderConfig(list, layout)));
        const scan = scanIntegrations(source.text);
        const views: ConfigView[] = [fullView(source, parseConfig(source.text)), ...(scan ? [rangedView(source, scan)] : [])];
        for (const view of views) {
          const after = view.apply(updateOperation(view, changed, false)).after;
          const before = source.text.split("\n");
          const lines = after.split("\n");
          expect(lines.length, after).toBe(before.length);
          expect(
            lines.filter((line, i) => line !== before[i]),
            after,
          ).toHaveLength(1);
          expect(readList(after)).toEqual(list.map((item, i) => (i === index ? changed : item)));
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
