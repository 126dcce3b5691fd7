import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";

const SCRIPT = pathToFileURL(join(import.meta.dirname, "..", "..", "..", "..", "scripts", "check-eager-imports.mjs")).href;
const { eagerViolations } = (await import(SCRIPT)) as { eagerViolations(src: string, entries?: string[]): string[] };

let temp: string | undefined;
afterEach(() => temp && rmSync(temp, { recursive: true, force: true }));

/** A source tree of `files` (path → text) in a temporary directory. */
function tree(files: Record<string, string>): string {
  temp = mkdtempSync(join(tmpdir(), "eager-imports-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(temp, path)), { recursive: true });
    writeFileSync(join(temp, path), text);
  }
  return temp;
}

describe("scripts/check-eager-imports.mjs: what the start-up code may import eagerly", () => {
  it("the CLI's own sources import no heavy package eagerly from commands/main.ts and commands/program.ts", () => {
    expect(eagerViolations(join(import.meta.dirname, ".."))).toEqual([]);
  });

  it("names a static import of @integrations/core reached through static imports, with the chain", () => {
    const src = tree({
      "commands/main.ts": 'import { a } from "../discovery/load.js";\n',
      "commands/program.ts": "",
      "discovery/load.ts": 'import { base } from "@integrations/core/base";\nimport { checkPluginShape } from "@integrations/core";\n',
    });
    expect(eagerViolations(src)).toEqual([
      "discovery/load.ts:2 imports @integrations/core statically (reached eagerly: commands/main.ts → discovery/load.ts); import it with await import() where it is used, or use @integrations/core/base",
    ]);
  });

  it("allows type-only imports, dynamic imports and @integrations/core/base", () => {
    const src = tree({
      "commands/main.ts":
        'import type { A } from "@integrations/core";\nimport { type B } from "@integrations/core";\nimport { base } from "@integrations/core/base";\nconst later = () => import("@integrations/core");\n',
      "commands/program.ts": 'export { type C } from "@integrations/core";\n',
    });
    expect(eagerViolations(src)).toEqual([]);
  });
});
