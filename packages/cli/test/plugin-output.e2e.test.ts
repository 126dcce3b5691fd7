/**
 * End to end: a plugin that prints to stdout never corrupts the CLI's output. What a
 * plugin writes to stdout (console.log, console.info, console.table, process.stdout.write with and
 * without a callback, from a promise, a timer, an exit handler), at import or in `build`, goes to
 * stderr; stdout holds the CLI's own output, byte for byte what it is with a plugin that prints
 * nothing: valid JSON for `list --check --json`, `<integration> --json`, `--dry-run --json`,
 * `plugins inspect --json` and `doctor --json`, the diff alone for `--dry-run`.
 *
 * Each noisy plugin has a quiet twin (the same plugin without the printing) in a project of its own;
 * the two projects' outputs are compared with their directories written as <root>. `noisy` is an ES
 * module that Node can require (the CLI's synchronous fast path); `noisytla` waits for a timer at
 * its top level, so it is imported with `import()` and its timer prints during the import.
 */
import { readFileSync, realpathSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { assertValidConfig, makeTempDir, parseListRows, runCli, writeProjectPlugin, type CliResult } from "@integrations/test-utils";

/** Lines every noisy plugin prints to stdout when imported and when its `build` runs, `tla` adding a timer's. */
const importLines = (name: string, tla: boolean) => [
  `NOISY ${name} import console.log`,
  `NOISY ${name} import console.info`,
  `NOISY ${name} import write`,
  `NOISY ${name} import write callback`,
  `NOISY ${name} import promise`,
  ...(tla ? [`NOISY ${name} import timer`] : []),
  `NOISY ${name} at exit`,
];
const buildLines = (name: string) => [`NOISY ${name} build console.log`, `NOISY ${name} build write`, `NOISY ${name} build promise`];

/** A plugin module (ES module, no SDK) writing a block for `name`; `noisy` adds the printing. */
function pluginModule(name: string, noisy: boolean, tla: boolean): string {
  const say = (what: string) => JSON.stringify(`NOISY ${name} ${what}`);
  const noise = noisy
    ? [
        `console.log(${say("import console.log")});`,
        `console.info(${say("import console.info")});`,
        `console.table([{ plugin: ${say("import console.table")} }]);`,
        `process.stdout.write(${say("import write")} + "\\n", () => process.stdout.write(${say("import write callback")} + "\\n"));`,
        `Promise.resolve().then(() => console.log(${say("import promise")}));`,
        `process.on("exit", () => process.stdout.write(${say("at exit")} + "\\n"));`,
        tla ? `await new Promise((resolve) => setTimeout(() => { console.log(${say("import timer")}); resolve(); }, 1));` : "",
      ]
    : [tla ? "await new Promise((resolve) => setTimeout(resolve, 1));" : ""];
  const buildNoise = noisy ? `console.log(${say("build console.log")}); process.stdout.write(${say("build write")} + "\\n"); Promise.resolve().then(() => console.log(${say("build promise")}));` : "";
  return [
    ...noise,
    "export default {",
    `  apiVersion: 1, name: ${JSON.stringify(name)}, description: ${JSON.stringify(`${name} API`)},`,
    `  flags: { token: { type: "secret", required: true, description: "token ref" } },`,
    `  build: (f) => { ${buildNoise} return { name: f.name, destination: "https://${name}.example.com", outgoing_auth: [{ type: "token", params: { header: "Authorization", secrets: [f.token] } }] }; },`,
    "};",
    "",
  ]
    .filter((line) => line !== "")
    .join("\n");
}

const PLUGINS = [
  { name: "noisy", tla: false },
  { name: "noisytla", tla: true },
] as const;

/** A project (realpath) with both plugins installed in node_modules, printing or not. */
function project(noisy: boolean) {
  const root = realpathSync(makeTempDir({ "package.json": JSON.stringify({ name: "p", private: true }) }));
  for (const { name, tla } of PLUGINS) writeProjectPlugin(root, name, pluginModule(name, noisy, tla));
  return {
    root,
    run: (args: string[]): CliResult => {
      const result = runCli(args, { cwd: root });
      return { ...result, stdout: result.stdout.replaceAll(root, "<root>") };
    },
  };
}

/** Runs `args` in a noisy and a quiet project: both succeed, and stdout is the same, free of the plugins' printing. */
function runBoth(args: string[]): { noisy: CliResult; quiet: CliResult } {
  const noisy = project(true).run(args);
  const quiet = project(false).run(args);
  expect(quiet.code, quiet.stderr).toBe(0);
  expect(noisy.code, noisy.stderr).toBe(0);
  expect(noisy.stdout).not.toContain("NOISY");
  expect(noisy.stdout).toBe(quiet.stdout);
  return { noisy, quiet };
}

/** Every line in `lines` is on stderr, as printed. */
function expectOnStderr(result: CliResult, lines: readonly string[]): void {
  const printed = result.stderr.split("\n");
  for (const line of lines) expect(printed, `"${line}" on stderr:\n${result.stderr}`).toContain(line);
}

describe("a plugin printing to stdout at import and in build leaves stdout to the CLI", () => {
  it("list --check --json: valid JSON, the same rows as with quiet plugins; the plugins' lines on stderr", () => {
    const { noisy } = runBoth(["list", "--check", "--json"]);
    const rows = parseListRows(noisy.stdout);
    for (const { name, tla } of PLUGINS) {
      expect(rows.find((r) => r.integration === name)?.status).toBe("ok");
      expectOnStderr(noisy, importLines(name, tla));
    }
    expect(noisy.stderr).toMatch(/│.*NOISY noisy import console\.table/);
  });

  it("list --check: the same table as with quiet plugins", () => {
    const { noisy } = runBoth(["list", "--check"]);
    expect(noisy.stdout).toMatch(/^noisy\s+integrations-plugin-noisy\s+1\.0\.0\s+project\s+sandboxed\s+ok$/m);
  });

  it.each(PLUGINS)("$name --json: valid JSON, the block written and valid, the plugin's lines on stderr", ({ name, tla }) => {
    const args = [name, "-token", "env:T", "--incoming-token", "env:I", "-file", "config.yaml", "--json"];
    const p = project(true);
    const result = p.run(args);
    expect(result.code, result.stderr).toBe(0);
    const written = readFileSync(join(p.root, "config.yaml"), "utf8");
    const lines = { first: written.split("\n").indexOf(`  - name: ${name}`) + 1, last: written.trimEnd().split("\n").length }; // the block added last
    expect(JSON.parse(result.stdout)).toEqual({ status: "added", integration: name, plugin: `integrations-plugin-${name}`, file: "config.yaml", written: true, unchanged: false, lines });
    expectOnStderr(result, [...importLines(name, tla), ...buildLines(name)]);
    assertValidConfig(written);
    expect(written).toContain(`destination: https://${name}.example.com`);
    expect(written).not.toContain("NOISY");
    const quiet = project(false).run(args);
    expect(result.stdout).toBe(quiet.stdout);
  });

  it.each(PLUGINS)("$name --dry-run --json: valid JSON holding the diff, as with the quiet plugin", ({ name, tla }) => {
    const { noisy } = runBoth([name, "-token", "env:T", "--incoming-token", "env:I", "--dry-run", "--json"]);
    const printed = JSON.parse(noisy.stdout) as { status: string; diff: string };
    expect(printed.status).toBe("dry-run");
    expect(printed.diff).toContain(`+    destination: https://${name}.example.com`);
    expectOnStderr(noisy, [...importLines(name, tla), ...buildLines(name)]);
  });

  it.each(PLUGINS)("$name --dry-run: stdout is the diff alone, as with the quiet plugin (fit for patch)", ({ name, tla }) => {
    const { noisy } = runBoth([name, "-token", "env:T", "--incoming-token", "env:I", "--dry-run"]);
    expect(noisy.stdout).toMatch(/^--- \/dev\/null\n\+\+\+ b\/config\.yaml\n@@ /);
    expectOnStderr(noisy, [...importLines(name, tla), ...buildLines(name)]);
  });

  it.each(PLUGINS)("plugins inspect $name --json: valid JSON with the plugin's flags, as with the quiet plugin", ({ name, tla }) => {
    const { noisy } = runBoth(["plugins", "inspect", name, "--json"]);
    const [inspected] = JSON.parse(noisy.stdout) as { status: string; flags: { flag: string }[] }[];
    expect(inspected?.status).toBe("ok");
    expect(inspected?.flags.map((f) => f.flag)).toEqual(["--token"]);
    expectOnStderr(noisy, importLines(name, tla));
  });

  it("doctor --json: valid JSON, both plugins ok, as with quiet plugins", () => {
    const { noisy } = runBoth(["doctor", "--json"]);
    const report = JSON.parse(noisy.stdout) as { plugins: { list: { integration: string; status: string }[] } };
    for (const { name, tla } of PLUGINS) {
      expect(report.plugins.list.find((p) => p.integration === name)?.status).toBe("ok");
      expectOnStderr(noisy, importLines(name, tla));
    }
  });
});
