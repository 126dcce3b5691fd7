/**
 * End to end: the trust policy (docs/design.md "Trust") through the built CLI. A project with a CLI
 * config trusting `@acme/*`, a trusted project plugin `@acme/integrations-plugin-a` and an untrusted
 * `integrations-plugin-b`: `list`, `list --json` and `doctor --json` say which runs in process and
 * which sandboxed; `untrusted: off` refuses b in one line and leaves config.yaml alone while a still
 * runs; bad `trust` and `untrusted` values are refused naming the file, the key and the entry;
 * `plugins install --trust` of a local directory records the trust that `list` then shows, and
 * `plugins uninstall` removes it.
 *
 * That each really runs as shown is checked through what it sees: the sandbox strips the environment.
 *
 * Isolation: every test has its own project, HOME (no ~/.npmrc of the machine, npm's cache inside
 * it) and user plugin directory (`INTEGRATIONS_DATA_DIR`). No fixture depends on anything, so npm
 * never talks to a registry.
 */
import { existsSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { assertValidConfig, fixturePackage, makeTempDir, parseListRows, pluginSource, rowOf, runCli, writeFiles, writePackage, type CliResult } from "@integrations/test-utils";

const A = "@acme/integrations-plugin-a";
const B = "integrations-plugin-b";

interface Project {
  root: string;
  dataDir: string;
  run: (...args: string[]) => CliResult;
  /** Writes the CLI config (.integrationsrc.yaml) from its lines. */
  config: (...lines: string[]) => void;
}

/** A project declaring a (`@acme`) and b, both installed in its node_modules, with its own HOME and user plugin directory. */
function project(): Project {
  const root = realpathSync(makeTempDir());
  const dataDir = join(root, "data");
  const home = join(root, "home");
  writeFiles(root, { "package.json": JSON.stringify({ name: "p", private: true, dependencies: { [A]: "1.0.0", [B]: "1.0.0" } }) });
  for (const [pkg, name] of [
    [A, "a"],
    [B, "b"],
  ] as const) {
    writePackage(join(root, "node_modules", pkg), fixturePackage(pkg, "1.0.0", { apiVersion: 1, integrations: [name] }, pluginSource({ name, destination: `https://api.${name}.test` })));
  }
  const run = (...args: string[]) => runCli(args, { cwd: root, env: { INTEGRATIONS_DATA_DIR: dataDir, HOME: home, npm_config_cache: join(home, ".npm") } });
  const config = (...lines: string[]) => writeFileSync(join(root, ".integrationsrc.yaml"), `${lines.join("\n")}\n`);
  return { root, dataDir, run, config };
}

/** `list --json` (exit 0, nothing on stderr): the rows. */
function listRows(p: Project, ...args: string[]) {
  const result = p.run("list", "--json", ...args);
  expect(result, result.stderr).toMatchObject({ code: 0, stderr: "" });
  return parseListRows(result.stdout);
}

/** The cells of the `list` table's row for an integration (two spaces or more part them). */
function tableRow(stdout: string, integration: string): string[] {
  const lines = stdout.split("\n").filter((line) => line.startsWith(`${integration} `));
  expect(lines, stdout).toHaveLength(1);
  return lines[0]!.trim().split(/\s{2,}/);
}

interface DoctorTrust {
  trust: { untrusted: string; untrustedFrom: string | null; entries: { entry: string; from: string; path: string | null }[]; trustFile: string };
  plugins: { list: { integration: string; runs: string; status: string; cause: string | null }[] };
}

describe("a trusted scope runs in process, an untrusted plugin sandboxed", () => {
  it("list, list --json and doctor --json say so; built-ins run in process", () => {
    const p = project();
    p.config("trust:", '  - "@acme/*"');

    const rows = listRows(p);
    expect(rowOf(rows, A)).toMatchObject({ integration: "a", source: "project", runs: "in-process" });
    expect(rowOf(rows, B)).toMatchObject({ integration: "b", source: "project", runs: "sandbox" });
    expect(rowOf(rows, "integrations-plugin-slack")).toMatchObject({ source: "builtin", runs: "in-process" });

    const table = p.run("list");
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout.split("\n")[0]).toMatch(/^INTEGRATION +PACKAGE +VERSION +SOURCE +RUNS +STATUS$/);
    expect(tableRow(table.stdout, "a")).toEqual(["a", A, "1.0.0", "project", "in process", "unchecked"]);
    expect(tableRow(table.stdout, "b")).toEqual(["b", B, "1.0.0", "project", "sandboxed", "unchecked"]);
    expect(tableRow(table.stdout, "slack").slice(3)).toEqual(["builtin", "in process", "ok"]);

    const doctor = p.run("doctor", "--json");
    expect(doctor.code, doctor.stderr).toBe(0);
    const report = JSON.parse(doctor.stdout) as DoctorTrust;
    const config = join(p.root, ".integrationsrc.yaml");
    expect(report.trust).toEqual({ untrusted: "sandbox", untrustedFrom: null, entries: [{ entry: "@acme/*", from: "config", path: config }], trustFile: join(p.dataDir, "trust.json") });
    const runsOf = (name: string) => report.plugins.list.find((row) => row.integration === name)?.runs;
    expect([runsOf("a"), runsOf("b"), runsOf("slack")]).toEqual(["in-process", "sandbox", "in-process"]);

    const text = p.run("doctor");
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain(`  trusted     @acme/* (${config})\n`);
    expect(text.stdout).toContain(`  in process  a (${A}), the 21 built-ins\n`);
    expect(text.stdout).toContain(`  sandboxed   b (${B})\n`);
  });

  it("without a CLI config, every third-party plugin runs sandboxed; a package named in trust runs in process", () => {
    const p = project();
    expect(
      listRows(p)
        .filter((row) => row.source !== "builtin")
        .map((row) => [row.integration, row.runs]),
    ).toEqual([
      ["a", "sandbox"],
      ["b", "sandbox"],
    ]);
    p.config("trust: [integrations-plugin-b]");
    expect(
      listRows(p)
        .filter((row) => row.source !== "builtin")
        .map((row) => [row.integration, row.runs]),
    ).toEqual([
      ["a", "sandbox"],
      ["b", "in-process"],
    ]);
  });
});

describe("how a plugin really runs", () => {
  it("the trusted plugin sees the CLI's environment (in process); the untrusted one does not (sandboxed)", () => {
    const p = project();
    p.config("trust:", '  - "@acme/*"');
    // Each fixture's destination says whether its build saw a variable of the CLI's environment.
    for (const [pkg, name] of [
      [A, "a"],
      [B, "b"],
    ] as const) {
      const source = pluginSource({ name, destination: "PROBE" }).replace('"PROBE"', `process.env.TRUST_PROBE ? "https://in-process.${name}.test" : "https://sandboxed.${name}.test"`);
      writePackage(join(p.root, "node_modules", pkg), fixturePackage(pkg, "1.0.0", { apiVersion: 1, integrations: [name] }, source));
    }
    const env = { INTEGRATIONS_DATA_DIR: p.dataDir, HOME: join(p.root, "home"), TRUST_PROBE: "1" };
    for (const name of ["a", "b"]) {
      const result = runCli([name, "-token", `env:${name.toUpperCase()}_TOKEN`, "-file", "config.yaml"], { cwd: p.root, env });
      expect(result.code, result.stderr).toBe(0);
    }
    const text = readFileSync(join(p.root, "config.yaml"), "utf8");
    assertValidConfig(text);
    expect(text).toContain("destination: https://in-process.a.test");
    expect(text).toContain("destination: https://sandboxed.b.test");
  });
});

describe("untrusted: off", () => {
  it("refuses the untrusted plugin in one line naming it and the setting, leaves config.yaml untouched, and the trusted one still runs", () => {
    const p = project();
    p.config("trust:", '  - "@acme/*"', "untrusted: off");
    const before = "# mine\nintegrations: []\n";
    writeFileSync(join(p.root, "config.yaml"), before);

    const refused = p.run("b", "-token", "env:B_TOKEN", "-file", "config.yaml");
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe("");
    expect(refused.stderr).toBe(
      `error: plugin ${B} (${join(p.root, "node_modules", B)}) cannot be loaded: untrusted plugins are off ("untrusted: off" in the CLI config; integrations doctor shows where): add "${B}" to its "trust" list to run it in process, or set "untrusted: sandbox" to run it sandboxed\n`,
    );
    expect(readFileSync(join(p.root, "config.yaml"), "utf8")).toBe(before);

    const ran = p.run("a", "-token", "env:A_TOKEN", "-file", "config.yaml");
    expect(ran.code, ran.stderr).toBe(0);
    const text = readFileSync(join(p.root, "config.yaml"), "utf8");
    expect(text).toContain("destination: https://api.a.test");
    assertValidConfig(text);

    expect(rowOf(listRows(p), B).runs).toBe("off");
    const doctor = JSON.parse(p.run("doctor", "--json").stdout) as DoctorTrust;
    expect(doctor.trust).toMatchObject({ untrusted: "off", untrustedFrom: join(p.root, ".integrationsrc.yaml") });
    expect(doctor.plugins.list.find((row) => row.integration === "b")).toMatchObject({ runs: "off", status: "error", cause: expect.stringContaining("untrusted plugins are off") });
  });
});

describe("bad trust settings are refused", () => {
  const cases: [string, string[], string][] = [
    ["a bare scope", ["trust: ['@acme']"], `"trust" entry "@acme" is a scope without a package: the whole scope is "@acme/*"`],
    ["a pattern", ['trust: ["integrations-plugin-*"]'], `"trust" entry "integrations-plugin-*" is a pattern: only a whole scope ("@acme/*") may end in *`],
    ["not a package name", ['trust: ["no such thing"]'], `"trust" entry "no such thing" is not a package name npm accepts (name can only contain URL-friendly characters)`],
    ["a scope npm refuses", ['trust: ["@Acme/*"]'], `"trust" entry "@Acme/*" is not a scope npm accepts`],
  ];
  for (const [what, lines, message] of cases) {
    it(`${what}: a ConfigError naming the file, the key, the entry and the fix; nothing runs`, () => {
      const p = project();
      p.config(...lines);
      const config = join(p.root, ".integrationsrc.yaml");
      for (const args of [["list"], ["a", "-token", "env:A", "-file", "config.yaml"]]) {
        const result = p.run(...args);
        expect(result).toEqual({
          code: 1,
          stdout: "",
          stderr: `error: ${config}: ${message}; write a package name (integrations-plugin-demo, @acme/integrations-plugin-demo) or a whole scope ("@acme/*")\n`,
        });
      }
      expect(existsSync(join(p.root, "config.yaml"))).toBe(false);
    });
  }

  it("trust that is not a list, untrusted that is neither sandbox nor off, and an unknown key", () => {
    const p = project();
    const config = join(p.root, ".integrationsrc.yaml");
    p.config("trust: '@acme/*'");
    expect(p.run("list")).toEqual({ code: 1, stdout: "", stderr: `error: ${config}: "trust" must be a list of package names or scopes, such as [integrations-plugin-demo, "@acme/*"]\n` });
    p.config("untrusted: no");
    expect(p.run("list")).toEqual({
      code: 1,
      stdout: "",
      stderr: `error: ${config}: "untrusted" must be sandbox (untrusted plugins run sandboxed, the default) or off (they do not run), not "no"\n`,
    });
    p.config("trusted: []");
    expect(p.run("list")).toEqual({ code: 1, stdout: "", stderr: `error: ${config}: unknown setting "trusted"; known: file, plugins, autoDiscover, dataDir, trust, untrusted, verifySignatures\n` });
  });
});

describe("plugins install --trust", () => {
  it("records the trust in trust.json, list shows the plugin in process; uninstall removes it; without --trust it runs sandboxed and says how to trust it", () => {
    const p = project();
    const dir = join(p.root, "c");
    writePackage(dir, fixturePackage("integrations-plugin-c", "1.0.0", { apiVersion: 1, integrations: ["c"] }, pluginSource({ name: "c", destination: "https://api.c.test" })));
    const trustFile = join(p.dataDir, "trust.json");

    const plain = p.run("plugins", "install", "./c");
    expect(plain).toEqual({
      code: 0,
      stdout: `installed integrations-plugin-c@1.0.0: integrations c (runs sandboxed; to run it in process, install it with --trust or add it to "trust" in the CLI config)\n`,
      stderr: "",
    });
    expect(existsSync(trustFile)).toBe(false);
    expect(rowOf(listRows(p), "integrations-plugin-c")).toMatchObject({ source: "user", runs: "sandbox" });

    // Installed already: --trust trusts it all the same.
    const trusted = p.run("plugins", "install", "--trust", "./c", "--json");
    expect(trusted.code, trusted.stderr).toBe(0);
    expect(JSON.parse(trusted.stdout)).toEqual([
      { integration: "c", package: "integrations-plugin-c", version: "1.0.0", source: "user", path: join(p.dataDir, "node_modules", "integrations-plugin-c"), runs: "in-process", howToTrust: null },
    ]);
    expect(JSON.parse(readFileSync(trustFile, "utf8"))).toEqual({ trusted: ["integrations-plugin-c"] });
    expect(rowOf(listRows(p), "integrations-plugin-c")).toMatchObject({ source: "user", runs: "in-process" });
    expect(tableRow(p.run("list").stdout, "c")).toEqual(["c", "integrations-plugin-c", "1.0.0", "user", "in process", "ok"]);

    expect(p.run("plugins", "uninstall", "c")).toMatchObject({ code: 0, stdout: "uninstalled integrations-plugin-c\n" });
    expect(existsSync(trustFile)).toBe(false);
    expect(p.run("plugins", "install", "./c")).toMatchObject({ code: 0, stdout: expect.stringContaining("(runs sandboxed;") });
    expect(rowOf(listRows(p), "integrations-plugin-c").runs).toBe("sandbox");
  }, 120_000);

  it("trust.json trusts the copy in the user plugin directory only, not a package of the same name elsewhere", () => {
    const p = project();
    writeFiles(p.dataDir, { "trust.json": JSON.stringify({ trusted: [B] }) });
    expect(rowOf(listRows(p), B)).toMatchObject({ source: "project", runs: "sandbox" });
  });

  it("plugins link --trust records the trust too; uninstall forgets it", () => {
    const p = project();
    const dir = join(p.root, "d");
    writePackage(dir, fixturePackage("integrations-plugin-d", "1.0.0", { apiVersion: 1, integrations: ["d"] }, pluginSource({ name: "d", destination: "https://api.d.test" })));
    expect(p.run("plugins", "link", "--trust", "./d")).toEqual({ code: 0, stdout: `linked integrations-plugin-d (${dir}): integrations d (trusted: runs in process)\n`, stderr: "" });
    expect(rowOf(listRows(p), "integrations-plugin-d").runs).toBe("in-process");
    expect(p.run("plugins", "uninstall", "d").code).toBe(0);
    expect(existsSync(join(p.dataDir, "trust.json"))).toBe(false);
  });
});
