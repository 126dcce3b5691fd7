// Verified installs (issue 18, point 3), end to end through the launcher against a real Verdaccio:
// what `plugins install` records (package-lock.json with integrity, integrity.json with every file's
// hash), a plugin whose installed files (or its dependency's) changed refused before import, naming
// the file, a `touch` that changes nothing let through, a reinstall that puts it right, and
// `--verify-signatures` against a registry that cannot sign refused with nothing left installed.
import { appendFileSync, existsSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  assertValidConfig,
  fixturePackage,
  makeTempDir,
  pluginSource,
  runCli,
  startRegistry,
  treeListing,
  writeFiles,
  writePackage,
  type CliResult,
  type TestRegistry,
} from "@integrations/test-utils";

const PLUGIN = "integrations-plugin-vouched";
const HELPER = "vouched-helper";

let registry: TestRegistry;
let home: string;

/** Runs the CLI with its own user plugin directory `data`, HOME and npm cache. */
function cli(args: string[], data: string, cwd = makeTempDir()): CliResult {
  return runCli(args, { cwd, env: { INTEGRATIONS_DATA_DIR: data, HOME: home, npm_config_cache: join(home, ".npm") } });
}

/** A fresh user plugin directory with the plugin (and its dependency) installed from the registry. */
function installed(): string {
  const data = join(makeTempDir(), "plugins");
  const result = cli(["plugins", "install", "vouched@1.0.0", "--registry", registry.url], data);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  return data;
}

/** Runs the integration into a new project's config.yaml: the result and the file's text (undefined when not written). */
function runIt(data: string): { result: CliResult; text: string | undefined } {
  const project = makeTempDir();
  const result = cli(["vouched", "-token", "env:VOUCHED_TOKEN", "-file", "config.yaml"], data, project);
  const file = join(project, "config.yaml");
  return { result, text: existsSync(file) ? readFileSync(file, "utf8") : undefined };
}

beforeAll(async () => {
  registry = await startRegistry();
  const helper = makeTempDir();
  writeFiles(helper, { "package.json": JSON.stringify({ name: HELPER, version: "1.0.0", type: "module", main: "index.js" }), "index.js": 'export const where = "https://vouched.example.com";\n' });
  await registry.publish(helper);
  const plugin = makeTempDir();
  writePackage(
    plugin,
    fixturePackage(
      PLUGIN,
      "1.0.0",
      { apiVersion: 1, integrations: ["vouched"] },
      pluginSource({ name: "vouched", destination: "https://vouched.example.com", prelude: `import { where } from "${HELPER}";` }),
      {
        dependencies: { [HELPER]: "^1.0.0" },
      },
    ),
  );
  writeFiles(plugin, { "dist/extra.js": "export const extra = 1;\n" });
  await registry.publish(plugin);
  home = makeTempDir();
}, 120_000);

afterAll(async () => {
  await registry?.stop();
});

describe("what an install records", () => {
  it("package-lock.json pins version and integrity, integrity.json every file's SHA-256 of the plugin and its dependency", () => {
    const data = installed();
    const lock = JSON.parse(readFileSync(join(data, "package-lock.json"), "utf8"));
    for (const name of [PLUGIN, HELPER]) {
      expect(lock.packages[`node_modules/${name}`]).toMatchObject({ version: "1.0.0", integrity: expect.stringMatching(/^sha512-/) });
    }
    const record = JSON.parse(readFileSync(join(data, "integrity.json"), "utf8"));
    expect(record.plugins).toEqual({ [PLUGIN]: [`node_modules/${PLUGIN}`, `node_modules/${HELPER}`] });
    expect(record.packages[`node_modules/${PLUGIN}`]).toMatchObject({
      name: PLUGIN,
      version: "1.0.0",
      integrity: lock.packages[`node_modules/${PLUGIN}`].integrity,
      fingerprint: expect.any(String),
      files: { "dist/extra.js": expect.stringMatching(/^[0-9a-f]{64}$/), "index.js": expect.stringMatching(/^[0-9a-f]{64}$/), "package.json": expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    expect(Object.keys(record.packages[`node_modules/${HELPER}`].files)).toEqual(["index.js", "package.json"]);

    // The lockfile is written even when the user's .npmrc turns it off.
    const own = makeTempDir();
    writeFileSync(join(own, ".npmrc"), "package-lock=false\n");
    const data2 = join(makeTempDir(), "plugins");
    const result = runCli(["plugins", "install", "vouched@1.0.0", "--registry", registry.url], {
      cwd: makeTempDir(),
      env: { INTEGRATIONS_DATA_DIR: data2, HOME: own, npm_config_cache: join(home, ".npm") },
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(readFileSync(join(data2, "package-lock.json"), "utf8")).packages[`node_modules/${PLUGIN}`].integrity).toMatch(/^sha512-/);

    // Uninstall drops its entries (the last plugin: the file goes).
    expect(cli(["plugins", "uninstall", "vouched"], data).code).toBe(0);
    expect(existsSync(join(data, "integrity.json"))).toBe(false);
  }, 240_000);
});

describe("files changed after the install", () => {
  it("a modified file and an added one: the run and list --check refuse before import, naming them; config.yaml untouched; a reinstall puts it right", () => {
    const data = installed();
    expect(runIt(data).result.code).toBe(0);
    const dir = join(data, "node_modules", PLUGIN);
    // Were it imported, the import would fail with this: the refusal must come first.
    appendFileSync(join(dir, "index.js"), 'throw new Error("tampered code ran");\n');
    writeFileSync(join(dir, "evil.js"), "export {};\n");

    const project = makeTempDir();
    writeFileSync(join(project, "config.yaml"), "integrations: []\n");
    const before = readFileSync(join(project, "config.yaml"), "utf8");
    const run = cli(["vouched", "-token", "env:VOUCHED_TOKEN", "-file", "config.yaml"], data, project);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `error: plugin ${PLUGIN} (${dir}) cannot be loaded: its installed files changed since it was installed: index.js modified, evil.js added (in ${PLUGIN}); reinstall it with integrations plugins install ${PLUGIN}@1.0.0\n`,
    );
    expect(readFileSync(join(project, "config.yaml"), "utf8")).toBe(before);

    const check = cli(["list", "--check"], data);
    expect(check.stdout).toContain("index.js modified, evil.js added");
    expect(check.stdout).not.toContain("tampered code ran");

    const again = cli(["plugins", "install", "vouched@1.0.0", "--registry", registry.url], data);
    expect(again.stderr).toBe("");
    expect(again.code).toBe(0);
    expect(existsSync(join(dir, "evil.js"))).toBe(false);
    const fixed = runIt(data);
    expect(fixed.result.code).toBe(0);
    assertValidConfig(fixed.text!);
  }, 240_000);

  it("a file of its dependency: refused, naming the file and the package", () => {
    const data = installed();
    writeFileSync(join(data, "node_modules", HELPER, "index.js"), 'export const where = "https://attacker.example.com";\n');
    const { result, text } = runIt(data);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`its installed files changed since it was installed: index.js modified (in ${HELPER})`);
    expect(text).toBeUndefined();
  }, 240_000);

  it("a removed file and a package put where its imports now resolve first: refused", () => {
    const data = installed();
    const dir = join(data, "node_modules", PLUGIN);
    writeFiles(join(dir, "node_modules", HELPER), { "package.json": JSON.stringify({ name: HELPER, version: "6.6.6", type: "module", main: "index.js" }), "index.js": "export const where = 'x';\n" });
    expect(runIt(data).result.stderr).toContain(`node_modules/${PLUGIN}/node_modules/${HELPER} added`);
    const other = installed();
    writeFileSync(join(other, "node_modules", PLUGIN, "dist", "extra.js"), "");
    expect(runIt(other).result.stderr).toContain("dist/extra.js modified");
  }, 240_000);

  it("touched without a change (new times, same content): still runs, and the new fingerprint is kept", () => {
    const data = installed();
    const file = join(data, "node_modules", PLUGIN, "index.js");
    const later = new Date(Date.now() + 60_000);
    utimesSync(file, later, later);
    const before = JSON.parse(readFileSync(join(data, "integrity.json"), "utf8")).packages[`node_modules/${PLUGIN}`];
    const { result, text } = runIt(data);
    expect(result.stderr).not.toContain("cannot be loaded");
    expect(result.code).toBe(0);
    assertValidConfig(text!);
    const after = JSON.parse(readFileSync(join(data, "integrity.json"), "utf8")).packages[`node_modules/${PLUGIN}`];
    expect(after.files).toEqual(before.files);
    expect(after.fingerprint).not.toBe(before.fingerprint);
  }, 240_000);
});

describe("signatures and provenance", () => {
  it("--verify-signatures against a registry that cannot sign: refused in one line naming the registry and the fix, nothing left installed", () => {
    const data = join(makeTempDir(), "plugins");
    const result = cli(["plugins", "install", "vouched@1.0.0", "--registry", registry.url, "--verify-signatures"], data);
    expect(result.code).toBe(1);
    expect(result.stderr.split("\n")).toHaveLength(2);
    expect(result.stderr).toMatch(/^error: npm could not verify the registry signatures of vouched@1\.0\.0: /);
    // Where sigstore's key repository can be reached, npm finds no keys at Verdaccio; where it cannot, npm says so: both refuse.
    expect(result.stderr).toMatch(new RegExp(`the registry ${registry.url.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} publishes no signing keys|npm audit signatures failed`));
    expect(result.stderr).toContain("install from a registry that signs its packages");
    expect(result.stderr).toContain("drop --verify-signatures");
    expect(result.stderr).toMatch(/; nothing was installed\n$/);
    expect(existsSync(data)).toBe(false);

    // The CLI config's verifySignatures does the same, for update too; the directory is left as it was.
    const kept = installed();
    const project = makeTempDir({ ".integrationsrc.yaml": "verifySignatures: true\n" });
    const listing = treeListing(kept);
    const update = cli(["plugins", "update", "vouched"], kept, project);
    expect(update.code).toBe(1);
    expect(update.stderr).toMatch(/^error: npm could not verify the registry signatures of integrations-plugin-vouched: .*; nothing was updated\n$/);
    expect(treeListing(kept)).toEqual(listing);
  }, 240_000);

  it("inspect shows the pinned integrity, and that the registry publishes no provenance", () => {
    const data = installed();
    const lock = JSON.parse(readFileSync(join(data, "package-lock.json"), "utf8"));
    const integrity = lock.packages[`node_modules/${PLUGIN}`].integrity as string;
    const text = cli(["plugins", "inspect", "vouched"], data);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`integrity    ${integrity}\n`);
    expect(text.stdout).toContain("provenance   none published\n");
    expect(text.stdout).toContain("signatures   none published\n");
    const json = JSON.parse(cli(["plugins", "inspect", "vouched", "--json"], data).stdout);
    expect(json[0].origin).toEqual({ integrity, provenance: { status: "none" }, signatures: { status: "none" } });
  }, 240_000);
});
