/**
 * End to end: how a plugin's module is read.
 *
 * - CommonJS as TypeScript emits `export default` (`exports.default = plugin` with `__esModule`, in a
 *   package without `"type": "module"`), compiled here by the workspace's own tsc, is read as ES
 *   module interop reads it, for one plugin and for an array; `module.exports = plugin` (or an array)
 *   still works. Each writes its block and is `ok` in `list --check`.
 * - A linked plugin that gets a syntax error after it was linked (an ES module, in its entry or in a
 *   module the entry imports, and a CommonJS module): running it and `list --check` name the file,
 *   line and column, in the one-line error (no stack without `--debug`) and in the list's cause.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, realpathSync, writeFileSync } from "node:fs";
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
  const tsc = spawnSync(workspacePath("node_modules", ".bin", "tsc"), ["--module", "commonjs", "--target", "es2022", "--strict", "--outDir", "out", "index.ts"], {
    cwd: dir,
    encoding: "utf8",
    timeout: 120_000,
  });
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
    for (const name of names)
      expect(
        parseListRows(list.stdout).find((r) => r.integration === name),
        list.stdout,
      ).toMatchObject({ package: pkg, source: "project", status: "ok", cause: null });
    const table = p.run(["list", "--check"]);
    for (const name of names) expect(table.stdout).toMatch(new RegExp(`^${name}\\s+${pkg}\\s+1\\.0\\.0\\s+project\\s+sandboxed\\s+ok$`, "m"));
    for (const name of names) {
      const run = p.run([name, "-token", "env:T", "--incoming-token", "env:I", "-file", "config.yaml"]);
      expect(run.code, run.stderr).toBe(0);
    }
    const written = readFileSync(join(p.root, "config.yaml"), "utf8");
    assertValidConfig(written);
    for (const name of names) expect(written).toContain(`destination: https://${name}.example.com`);
  });
});

/** A working plugin module, and the same with a syntax error on its line 4: `,,` after the name. */
const esmModule = (name: string, broken: boolean, prelude = "") =>
  `${prelude}export default {\n  apiVersion: 1, description: "d", flags: { token: { type: "secret", required: true, description: "t" } },\n  build: (f) => ({ name: f.name, destination: "https://${name}.example.com" }),\n  name: ${JSON.stringify(name)},${broken ? "," : ""}\n};\n`;
/** A working CommonJS module, and the same with a syntax error on its line 3: a stray string after the name. */
const cjsModule = (name: string, broken: boolean) =>
  `"use strict";\nmodule.exports = { apiVersion: 1, description: "d", flags: { token: { type: "secret", required: true, description: "t" } },\n  name: ${JSON.stringify(name)}${broken ? ` "stray"` : ""},\n  build: (f) => ({ name: f.name, destination: "https://${name}.example.com" }) };\n`;

/** The one `error:` line of a failed run: exit 1, nothing on stdout, no stack. */
function oneLineError(result: CliResult): string {
  expect(result.code, result.stderr).toBe(1);
  expect(result.stdout).toBe("");
  const lines = result.stderr.trimEnd().split("\n");
  expect(lines, result.stderr).toHaveLength(1);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  return lines[0]!;
}

describe("a linked plugin with a syntax error: the file, line and column", () => {
  it.each([
    {
      kind: "an ES module, in its entry",
      name: "synentry",
      files: (broken: boolean) => ({
        "package.json": JSON.stringify({ name: "integrations-plugin-synentry", version: "1.0.0", type: "module", main: "index.js" }),
        "index.js": esmModule("synentry", broken),
      }),
      at: { file: "index.js", line: 4, column: `  name: "synentry",,`.indexOf(",,") + 2, message: "Unexpected token ','" },
    },
    {
      kind: "an ES module, in a module its entry imports",
      name: "synimport",
      files: (broken: boolean) => ({
        "package.json": JSON.stringify({ name: "integrations-plugin-synimport", version: "1.0.0", type: "module", main: "dist/index.js" }),
        "dist/index.js": `import { host } from "./lib/host.js";\nexport default { apiVersion: 1, name: "synimport", description: "d", flags: {}, build: (f) => ({ name: f.name, destination: host }) };\n`,
        "dist/lib/host.js": `// the host\nexport const host = "https://synimport.example.com"${broken ? " +;" : ";"}\n`,
      }),
      at: { file: "dist/lib/host.js", line: 2, column: `export const host = "https://synimport.example.com" +;`.indexOf(";") + 1, message: "Unexpected token ';'" },
    },
    {
      kind: "a CommonJS module",
      name: "syncjs",
      files: (broken: boolean) => ({ "package.json": JSON.stringify({ name: "integrations-plugin-syncjs", version: "1.0.0", main: "index.js" }), "index.js": cjsModule("syncjs", broken) }),
      at: { file: "index.js", line: 3, column: `  name: "syncjs" "stray",`.indexOf(`"stray"`) + 1, message: "Unexpected string" },
    },
  ])("$kind: running it and list --check name $at.file:$at.line:$at.column", ({ name, files, at }) => {
    const p = project();
    const dir = join(p.root, "plugin");
    writePackage(dir, files(false));
    const link = p.run(["plugins", "link", "./plugin"]);
    expect(link.code, link.stderr).toBe(0);
    for (const [file, content] of Object.entries(files(true))) writeFileSync(join(dir, file), content);

    const where = `SyntaxError at ${join(dir, at.file)}:${at.line}:${at.column}: ${at.message}`;
    const line = oneLineError(p.run([name, "-token", "env:T", "-file", "config.yaml"]));
    expect(line).toContain(`error: plugin integrations-plugin-${name} (${dir}) cannot be loaded: ${where}; fix the code there`);

    const debug = p.run([name, "-token", "env:T", "-file", "config.yaml", "--debug"]);
    expect(debug.code).toBe(1);
    expect(debug.stderr.split("\n")[0]).toBe(line);
    expect(debug.stderr).toMatch(/\n\s+at /);

    const list = p.run(["list", "--check", "--json"]);
    expect(list.code, list.stderr).toBe(0);
    const row = parseListRows(list.stdout).find((r) => r.integration === name);
    expect(row, list.stdout).toMatchObject({ source: "user", status: "error" });
    expect(row?.cause).toContain(where);
    const table = p.run(["list", "--check"]);
    expect(table.stdout).toContain(`  ${name} (integrations-plugin-${name}): ${where}`);
  });
});
