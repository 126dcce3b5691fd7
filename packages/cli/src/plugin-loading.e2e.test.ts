/**
 * End to end (issue 16): how a plugin's module is read.
 *
 * - CommonJS as TypeScript emits `export default` (`exports.default = plugin` with `__esModule`, in a
 *   package without `"type": "module"`), compiled here by the workspace's own tsc, is read as ES
 *   module interop reads it, for one plugin and for an array; `module.exports = plugin` (or an array)
 *   still works. Each writes its block and is `ok` in `list --check`.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, realpathSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { assertValidConfig, makeTempDir, parseListRows, runCli, workspacePath, writePackage, type CliResult } from "@integrations/test-utils";

/** A temp project (realpath) with its own user plugin directory. */
function project() {
  const root = realpathSync(makeTempDir({ "package.json": JSON.stringify({ name: "p", private: true }) }));
  return {
    root,
    run: (args: string[]): CliResult => runCli(args, { cwd: root, env: { INTEGRATIONS_DATA_DIR: join(root, "data") } }),
  };
}

/** A plugin object literal (JavaScript and TypeScript alike) writing a block for `name`. */
const pluginObject = (name: string) =>
  `{ apiVersion: 1, name: ${JSON.stringify(name)}, description: "${name} API", flags: { token: { type: "secret" as const, required: true, description: "token ref" } }, ` +
  `build: (f: Record<string, string>) => ({ name: f.name, destination: "https://${name}.example.com", outgoing_auth: [{ type: "token", params: { header: "Authorization", secrets: [f.token] } }] }) }`;

/** `source` (TypeScript) compiled by the workspace's tsc to CommonJS. */
function compiledByTsc(source: string): string {
  const dir = makeTempDir({ "index.ts": source });
  const tsc = spawnSync(workspacePath("node_modules", ".bin", "tsc"), ["--module", "commonjs", "--target", "es2022", "--strict", "--outDir", "out", "index.ts"], { cwd: dir, encoding: "utf8", timeout: 120_000 });
  expect(tsc.status, `${tsc.stdout}${tsc.stderr}`).toBe(0);
  const emitted = readFileSync(join(dir, "out", "index.js"), "utf8");
  expect(emitted).toContain(`Object.defineProperty(exports, "__esModule", { value: true });`);
  expect(emitted).toContain("exports.default = ");
  return emitted;
}

/** The same object literal as plain JavaScript (the `as const` and parameter types dropped). */
const asJavaScript = (ts: string) => ts.replaceAll(" as const", "").replace(/\(f: Record<string, string>\)/g, "(f)");

describe("CommonJS plugins: as TypeScript emits export default, and module.exports", () => {
  it.each([
    { form: "tsc's exports.default = plugin", names: ["tsone"], source: (names: string[]) => compiledByTsc(`const plugin = ${pluginObject(names[0]!)};\nexport default plugin;\n`) },
    { form: "tsc's exports.default = [plugin, plugin]", names: ["tsfirst", "tssecond"], source: (names: string[]) => compiledByTsc(`export default [${names.map(pluginObject).join(", ")}];\n`) },
    { form: "module.exports = plugin", names: ["cjsone"], source: (names: string[]) => `module.exports = ${asJavaScript(pluginObject(names[0]!))};\n` },
    { form: "module.exports = [plugin, plugin]", names: ["cjsfirst", "cjssecond"], source: (names: string[]) => `module.exports = [${names.map((n) => asJavaScript(pluginObject(n))).join(", ")}];\n` },
  ])("$form, in a package without type module: each integration writes its block; list --check shows it ok", ({ names, source }) => {
    const p = project();
    const pkg = `integrations-plugin-${names[0]}`;
    writePackage(join(p.root, "node_modules", pkg), {
      "package.json": JSON.stringify({ name: pkg, version: "1.0.0", main: "index.js", integrationsPlugin: { apiVersion: 1, integrations: names } }),
      "index.js": source(names),
    });
    const list = p.run(["list", "--check", "--json"]);
    expect(list.code, list.stderr).toBe(0);
    for (const name of names) expect(parseListRows(list.stdout).find((r) => r.integration === name), list.stdout).toMatchObject({ package: pkg, source: "project", status: "ok", cause: null });
    const table = p.run(["list", "--check"]);
    for (const name of names) expect(table.stdout).toMatch(new RegExp(`^${name}\\s+${pkg}\\s+1\\.0\\.0\\s+project\\s+ok$`, "m"));
    for (const name of names) {
      const run = p.run([name, "-token", "env:T", "--incoming-token", "env:I", "-file", "config.yaml"]);
      expect(run.code, run.stderr).toBe(0);
    }
    const written = readFileSync(join(p.root, "config.yaml"), "utf8");
    assertValidConfig(written);
    for (const name of names) expect(written).toContain(`destination: https://${name}.example.com`);
  });
});
