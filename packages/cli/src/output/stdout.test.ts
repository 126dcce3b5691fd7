import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = join(import.meta.dirname, "..");

/** The CLI's own sources (tests left out), relative to src/. */
const sources = (readdirSync(SRC, { recursive: true }) as string[]).filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts"));

describe("the CLI's output goes through writeOut", () => {
  // Once a run starts, process.stdout.write leads to stderr (stdout.ts): CLI output written any other
  // way would leave stdout. Only stdout.ts may name it.
  it("no source but stdout.ts writes to process.stdout or console itself", () => {
    expect(sources.length).toBeGreaterThan(50);
    const offenders = sources
      .filter((file) => file !== join("output", "stdout.ts"))
      .filter((file) => /process\.stdout\.write|\bconsole\.(log|info|debug|dir|table|warn|error)\(/.test(readFileSync(join(SRC, file), "utf8")));
    expect(offenders).toEqual([]);
  });
});
