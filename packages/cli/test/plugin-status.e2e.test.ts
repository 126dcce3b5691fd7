// End to end: the statuses `list` shows without importing (README "Plugin statuses"): the outcome of
// the last real import by any run, while the plugin's files are unchanged, else `unchecked`; and
// the warning for a plugin that carries its own SDK of another major. Each test has a cache
// directory of its own (XDG_CACHE_HOME), where the outcomes are remembered.
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  fixturePackage,
  makeTempDir,
  parseListRows,
  pluginSource,
  rowOf,
  runCli,
  startCli,
  throwingSource,
  writePackage,
  writeProjectPlugin,
  type CliResult,
  type ListRow,
} from "@integrations/test-utils";

const HOST_SDK_VERSION = (JSON.parse(readFileSync(new URL("../../plugin-sdk/package.json", import.meta.url), "utf8")) as { version: string }).version;

/** A project (package.json, empty otherwise) and a cache directory of its own for its runs. */
function sandbox(): { root: string; run: (args: string[]) => CliResult; cache: string } {
  const root = realpathSync(makeTempDir({ "package.json": JSON.stringify({ name: "p", private: true }) }));
  const cache = join(makeTempDir(), "cache");
  return { root, cache, run: (args) => runCli(args, { cwd: root, env: { XDG_CACHE_HOME: cache } }) };
}

/** `list --json` (imports nothing): the rows, after checking the run succeeded. */
function listed(run: (args: string[]) => CliResult, check = false): ListRow[] {
  const result = run(["list", ...(check ? ["--check"] : []), "--json"]);
  expect(result.code, result.stderr).toBe(0);
  return parseListRows(result.stdout);
}

const status = (rows: ListRow[], integration: string) => {
  const row = rowOf(rows, `integrations-plugin-${integration}`);
  return { status: row.status, cause: row.cause };
};

const okSource = (name: string) => pluginSource({ name, destination: `https://${name}.example.com` });
const add = (name: string) => [name, "-token", "env:TOKEN", "-file", "config.yaml"];

describe("list shows the outcome of the last import", () => {
  it("unchecked until a run imports it; error with the cause after a failed run; unchecked after a fix; ok after a run that loads it", () => {
    const { root, run } = sandbox();
    const dir = writeProjectPlugin(root, "boom", throwingSource("boom at import"));

    expect(status(listed(run), "boom")).toEqual({ status: "unchecked", cause: null });
    const table = run(["list"]);
    expect(table.stdout).toMatch(/^boom\s.*\sunchecked$/m);
    expect(table.stdout).toContain("unchecked: not imported by any run since its files last changed; integrations list --check imports it now");

    const failed = run(add("boom"));
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain("boom at import");
    expect(existsSync(join(root, "config.yaml"))).toBe(false);
    const remembered = status(listed(run), "boom");
    expect(remembered.status).toBe("error");
    expect(remembered.cause).toContain("importing it threw: boom at import");
    const errorTable = run(["list"]);
    expect(errorTable.stdout).toMatch(/^boom\s.*\serror$/m);
    expect(errorTable.stdout).toMatch(/^ {2}boom \(integrations-plugin-boom\): importing it threw: boom at import$/m);
    // Still so for the next run: only an import or an edit changes it.
    expect(status(listed(run), "boom").status).toBe("error");

    writeFileSync(join(dir, "index.js"), okSource("boom"));
    expect(status(listed(run), "boom")).toEqual({ status: "unchecked", cause: null });

    const dryRun = run([...add("boom"), "--dry-run"]);
    expect(dryRun.code, dryRun.stderr).toBe(0);
    expect(status(listed(run), "boom")).toEqual({ status: "ok", cause: null });
  });

  it("list --check imports now and is remembered; so is doctor's import", () => {
    const { root, run } = sandbox();
    const dir = writeProjectPlugin(root, "flaky", okSource("flaky"));
    expect(status(listed(run), "flaky").status).toBe("unchecked");
    expect(status(listed(run, true), "flaky")).toEqual({ status: "ok", cause: null });
    expect(status(listed(run), "flaky")).toEqual({ status: "ok", cause: null });

    writeFileSync(join(dir, "index.js"), throwingSource("broken again"));
    expect(status(listed(run), "flaky").status).toBe("unchecked");
    const doctor = run(["doctor", "--json"]);
    expect(doctor.code, doctor.stderr).toBe(0);
    const report = JSON.parse(doctor.stdout) as { plugins: { list: ListRow[]; counts: Record<string, number> } };
    expect(status(report.plugins.list, "flaky").status).toBe("error");
    expect(report.plugins.counts.unchecked).toBe(0);
    const afterDoctor = status(listed(run), "flaky");
    expect(afterDoctor.status).toBe("error");
    expect(afterDoctor.cause).toContain("broken again");

    writeFileSync(join(dir, "index.js"), okSource("flaky"));
    expect(status(listed(run, true), "flaky").status).toBe("ok");
    expect(status(listed(run), "flaky").status).toBe("ok");
  });

  it("a linked plugin becomes unchecked when any of its own files changes, not only its entry", () => {
    const { run } = sandbox();
    const dir = join(makeTempDir(), "linked");
    writePackage(dir, {
      ...fixturePackage("integrations-plugin-linked", "0.1.0", { apiVersion: 1, integrations: ["linked"] }, 'export { default } from "./lib/plugin.js";\n'),
      "lib/plugin.js": okSource("linked"),
    });
    const link = run(["plugins", "link", dir]);
    expect(link.code, link.stderr).toBe(0);
    expect(status(listed(run), "linked").status).toBe("ok");

    writeFileSync(join(dir, "lib", "plugin.js"), `${okSource("linked")}// edited\n`);
    expect(status(listed(run), "linked").status).toBe("unchecked");
    expect(run(add("linked")).code).toBe(0);
    expect(status(listed(run), "linked").status).toBe("ok");

    writeFileSync(join(dir, "lib", "extra.js"), "export const added = true;\n");
    expect(status(listed(run), "linked").status).toBe("unchecked");
  });

  it("built-ins of the running CLI are ok without any import", () => {
    const { run } = sandbox();
    const rows = listed(run).filter((row) => row.source === "builtin");
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((row) => row.status !== "ok")).toEqual([]);
  });
});

describe("the remembered outcomes' file", () => {
  it("an unwritable cache only means nothing is remembered: no failure, no warning", () => {
    const { root } = sandbox();
    writeProjectPlugin(root, "boom", throwingSource("boom at import"));
    const blocked = join(makeTempDir(), "a-file");
    writeFileSync(blocked, "not a directory\n");
    const run = (args: string[]) => runCli(args, { cwd: root, env: { XDG_CACHE_HOME: join(blocked, "cache") } });

    const failed = run(add("boom"));
    expect(failed.code).toBe(1);
    expect(failed.stderr.trim().split("\n")).toHaveLength(1);
    expect(failed.stderr).toContain("boom at import");
    const list = run(["list"]);
    expect(list).toMatchObject({ code: 0, stderr: "" });
    expect(list.stdout).toMatch(/^boom\s.*\sunchecked$/m);
    const check = run(["list", "--check", "--json"]);
    expect(check.stderr).toBe("");
    expect(status(parseListRows(check.stdout), "boom").status).toBe("error");
    expect(status(listed(run), "boom").status).toBe("unchecked");
  });

  it("a damaged file is taken for none, and the next import replaces it", () => {
    const { root, run, cache } = sandbox();
    writeProjectPlugin(root, "boom", throwingSource("boom at import"));
    expect(run(add("boom")).code).toBe(1);
    const dir = join(cache, "integrations", "plugin-outcomes");
    const versions = readdirSync(dir).filter((name) => /^\d+\.json$/.test(name));
    expect(versions).toHaveLength(1);
    writeFileSync(join(dir, versions[0]!), "{ not json");
    expect(status(listed(run), "boom").status).toBe("unchecked");
    expect(run(add("boom")).code).toBe(1);
    expect(status(listed(run), "boom").status).toBe("error");
  });

  it("32 concurrent runs lose no outcome: each plugin shows what its own run saw", async () => {
    const { root, cache } = sandbox();
    const names = Array.from({ length: 32 }, (_, i) => `p${String(i).padStart(2, "0")}`);
    names.forEach((name, i) => writeProjectPlugin(root, name, i % 2 === 0 ? okSource(name) : throwingSource(`${name} fails`)));
    const runs = names.map((name) => startCli([...add(name), "--dry-run"], { cwd: root, env: { XDG_CACHE_HOME: cache } }).done);
    const results = await Promise.all(runs);
    results.forEach((result, i) => expect(result.code, `${names[i]}: ${result.stderr}`).toBe(i % 2 === 0 ? 0 : 1));

    const rows = parseListRows(runCli(["list", "--json"], { cwd: root, env: { XDG_CACHE_HOME: cache } }).stdout);
    names.forEach((name, i) => {
      const seen = status(rows, name);
      if (i % 2 === 0) expect(seen, name).toEqual({ status: "ok", cause: null });
      else expect(seen, name).toEqual({ status: "error", cause: `importing it threw: ${name} fails` });
    });
    const left = readdirSync(join(cache, "integrations", "plugin-outcomes"));
    expect(
      left.filter((name) => !/^\d+\.json$/.test(name)),
      "temp files left",
    ).toEqual([]);
  });
});

describe("a plugin carrying its own copy of the SDK", () => {
  /** A project plugin whose imports reach its own `@integrations/plugin-sdk` at `sdkVersion` (declared in dependencies, no peer range). */
  function withOwnSdk(root: string, name: string, sdkVersion: string): string {
    const dir = join(root, "node_modules", `integrations-plugin-${name}`);
    const source = [
      'import { definePlugin } from "@integrations/plugin-sdk";',
      okSource(name)
        .replace("export default {", "export default definePlugin({")
        .replace(/};\n?$/, "});\n"),
    ].join("\n");
    writePackage(dir, fixturePackage(`integrations-plugin-${name}`, "1.0.0", { apiVersion: 1, integrations: [name] }, source, { dependencies: { "@integrations/plugin-sdk": `^${sdkVersion}` } }));
    const sdk = join(dir, "node_modules", "@integrations", "plugin-sdk");
    mkdirSync(sdk, { recursive: true });
    writePackage(sdk, {
      "package.json": JSON.stringify({ name: "@integrations/plugin-sdk", version: sdkVersion, type: "module", main: "index.js" }),
      "index.js": "export const definePlugin = (plugin) => ({ apiVersion: 1, ...plugin });\n",
    });
    return dir;
  }

  it("of another major is warned about by list --check and doctor (the plugin still loads); one of the host's major is not", () => {
    const { root, run } = sandbox();
    const major = Number(HOST_SDK_VERSION.split(".")[0]);
    const other = `${major + 1}.0.0`;
    withOwnSdk(root, "carrier", other);
    withOwnSdk(root, "samemajor", `${major}.9.0`);

    const check = run(["list", "--check", "--json"]);
    expect(check.code, check.stderr).toBe(0);
    const rows = parseListRows(check.stdout);
    expect(status(rows, "carrier").status).toBe("ok");
    expect(status(rows, "samemajor").status).toBe("ok");
    const warnings = check.stderr.trim().split("\n");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`warning: carrier (integrations-plugin-carrier): it carries its own @integrations/plugin-sdk ${other}`);
    expect(warnings[0]).toContain(`where this CLI has ${HOST_SDK_VERSION}`);
    expect(warnings[0]).toContain("peerDependencies");
    expect(run(["list", "--check"]).stderr).toBe(check.stderr);
    // Plain `list` imports nothing, and does not look.
    expect(run(["list"]).stderr).toBe("");

    const doctor = run(["doctor", "--json"]);
    expect(doctor.code, doctor.stderr).toBe(0);
    const report = JSON.parse(doctor.stdout) as { plugins: { warnings: { integration: string; package: string; warning: string }[] } };
    expect(report.plugins.warnings).toEqual([{ integration: "carrier", package: "integrations-plugin-carrier", warning: expect.stringContaining(`its own @integrations/plugin-sdk ${other}`) }]);
    expect(run(["doctor"]).stdout).toMatch(/^ {2}warning +carrier \(integrations-plugin-carrier\): it carries its own @integrations\/plugin-sdk/m);
  });
});
