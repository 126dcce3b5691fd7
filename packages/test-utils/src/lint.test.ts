// The lint's own rules, run for real with the repository's configs (.oxlintrc.json, .madgerc) on
// small files in a temp dir, so that a rule switched off or a config that stops applying fails here
// rather than letting the code it guards against back in unnoticed.

import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { makeTempDir } from "./temp.js";
import { workspacePath } from "./paths.js";

/** A project to lint: strict, Node ESM, as the packages are. */
const TSCONFIG = JSON.stringify({ compilerOptions: { target: "ES2023", lib: ["ES2023"], module: "NodeNext", moduleResolution: "NodeNext", strict: true, noEmit: true }, include: ["*.ts"] });

/** Runs a dev tool of the workspace from the workspace root (where .madgerc is read from). */
function tool(name: string, args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(workspacePath("node_modules", ".bin", name), args, { cwd: workspacePath(), encoding: "utf8" });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** oxlint's findings in `dir`, as `file: rule` lines. */
function oxlintFindings(dir: string): string[] {
  const { stdout } = tool("oxlint", ["-c", workspacePath(".oxlintrc.json"), "-f", "unix", dir]);
  return [...stdout.matchAll(/^.*\/([^/:]+):\d+:\d+: .*\[Error\/([^\]]+)\]$/gm)].map((m) => `${m[1]}: ${m[2]}`).sort();
}

/** The config without its type-aware rules, which need the workspace's type checker (the room rules do not). */
function withoutTypeAware(config: { options?: Record<string, unknown> }): object {
  return { ...config, options: { ...config.options, typeAware: false } };
}

describe("pnpm lint's rules", () => {
  it("oxlint reports a floating promise and an async function without await, and nothing in the same code done right", () => {
    const dir = makeTempDir({
      "tsconfig.json": TSCONFIG,
      "floating.ts": "export async function save(): Promise<void> {\n  await Promise.resolve();\n}\n\nexport function run(): void {\n  save();\n}\n",
      "no-await.ts": "export async function read(): Promise<number> {\n  return 1;\n}\n",
      "right.ts": 'import { save } from "./floating.js";\n\nexport async function run(): Promise<number> {\n  await save();\n  return 1;\n}\n',
    });
    expect(oxlintFindings(dir)).toEqual(["floating.ts: typescript(no-floating-promises)", "no-await.ts: eslint(require-await)"]);
  });

  it("madge reports a cycle made only of type imports", () => {
    const dir = makeTempDir({
      "a.ts": 'import type { B } from "./b.js";\n\nexport interface A {\n  b?: B;\n}\n',
      "b.ts": 'import type { A } from "./a.js";\n\nexport interface B {\n  a?: A;\n}\n',
    });
    const { code, stdout, stderr } = tool("madge", ["--circular", "--extensions", "ts", "--json", dir]);
    expect({ code, cycles: JSON.parse(stdout) as unknown }, stderr).toEqual({ code: 1, cycles: [["a.ts", "b.ts"]] });
  });
  it("oxlint refuses an import that runs up the rooms (ARCHITECTURE.md), and lets one that runs down through", () => {
    // The room rules match paths relative to the config, so the probe project mirrors the packages' layout.
    const dir = makeTempDir({
      ".oxlintrc.json": JSON.stringify(withoutTypeAware(JSON.parse(readFileSync(workspacePath(".oxlintrc.json"), "utf8")))),
      "tsconfig.json": TSCONFIG.replace('"*.ts"', '"packages/**/*.ts"'),
      "packages/cli/src/output/up.ts": 'export { record } from "../discovery/record.js";\n',
      "packages/cli/src/discovery/record.ts": "export const record = 1;\n",
      "packages/cli/src/discovery/down.ts": 'export { paint } from "../output/style.js";\n',
      "packages/cli/src/output/style.ts": "export const paint = 1;\n",
      "packages/core/src/format/up.ts": 'export { edit } from "../edit/frame.js";\n',
      "packages/core/src/edit/frame.ts": "export const edit = 1;\n",
    });
    const { stdout } = spawnSync(workspacePath("node_modules", ".bin", "oxlint"), ["-c", ".oxlintrc.json", "-f", "unix", "packages"], { cwd: dir, encoding: "utf8" });
    const findings = [...stdout.matchAll(/^(.*):\d+:\d+: .*\[Error\/([^\]]+)\]$/gm)].map((m) => `${m[1]}: ${m[2]}`).sort();
    expect(findings).toEqual(["packages/cli/src/output/up.ts: eslint(no-restricted-imports)", "packages/core/src/format/up.ts: eslint(no-restricted-imports)"]);
  });
});
