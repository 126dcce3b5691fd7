// `integrations plugins new` end to end, as a plugin author would go, against a real Verdaccio: scaffold
// @acme/billing, npm install (the SDK from the private registry), npm test, try it with `plugins link`
// (an edit and a rebuild show on the next run), npm publish, `plugins install @acme/billing`, run it.
// The same road for examples/ledger, a plugin written the way a third party would. And the refusals.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { get } from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addedToNewFile,
  assertValidConfig,
  fixturePackage,
  makeTempDir,
  parseListRows,
  pluginSource,
  publishWorkspaceSdk,
  runCli,
  startRegistry,
  workspacePath,
  writePackage,
  type CliResult,
  type TestRegistry,
} from "@integrations/test-utils";

const NPM_TIMEOUT_MS = 150_000;

let registry: TestRegistry;
let home: string;
let work: string;
let dataDir: string;

/** The environment of npm and the CLI: no inherited npm/pnpm settings, a HOME and npm cache of this file's own. */
function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(npm|pnpm)_/i.test(key)));
  return {
    ...clean,
    HOME: home,
    npm_config_cache: join(home, ".npm"),
    npm_config_update_notifier: "false",
    NPM_TOKEN: registry.token,
    NO_PROXY: "127.0.0.1,localhost",
    no_proxy: "127.0.0.1,localhost",
    ...extra,
  };
}

function npm(args: string[], cwd: string): CliResult {
  const result = spawnSync("npm", args, { cwd, env: env(), encoding: "utf8", timeout: NPM_TIMEOUT_MS });
  if (result.error) throw result.error;
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** npm's output, for a failing expectation's message. */
const said = (r: CliResult) => `${r.stdout}\n${r.stderr}`.slice(-3000);

function cli(args: string[], cwd: string, data = dataDir): CliResult {
  return runCli(args, { cwd, env: { INTEGRATIONS_DATA_DIR: data, HOME: home, npm_config_cache: join(home, ".npm"), NPM_TOKEN: registry.token } });
}

const json = (path: string) => JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
const headings = (path: string) =>
  readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.startsWith("## "));

/** The README's `## Example`: the command of its sh block (without `integrations`) and the YAML it says is written. */
function readmeExample(path: string): { args: string[]; yaml: string } {
  const example = readFileSync(path, "utf8").split("## Example")[1] ?? "";
  const command = /```sh\n(.*)\n```/.exec(example)?.[1] ?? "";
  const yaml = /```yaml\n([\s\S]*?)```/.exec(example)?.[1] ?? "";
  return { args: command.split(" ").slice(1), yaml };
}

/** Files of a package directory, as git would see them (no node_modules, dist, lockfile). */
function sourceFiles(dir: string, prefix = ""): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true })
    .filter((entry) => !["node_modules", "dist", "package-lock.json", ".npmrc"].includes(entry.name))
    .flatMap((entry) => (entry.isDirectory() ? sourceFiles(dir, join(prefix, entry.name)) : [join(prefix, entry.name)]))
    .sort();
}

/** The registry's document for a package, or undefined (404). A fresh connection each time: spawnSync stalls the event loop past Verdaccio's keep-alive. */
function packument(name: string): Promise<{ versions?: Record<string, unknown> } | undefined> {
  return new Promise((resolve, reject) => {
    const request = get(`${registry.url}${name.replace("/", "%2f")}`, { agent: false, headers: { accept: "application/json" } }, (response) => {
      let body = "";
      response.setEncoding("utf8").on("data", (chunk: string) => (body += chunk));
      response.on("end", () => resolve(response.statusCode === 200 ? (JSON.parse(body) as { versions?: Record<string, unknown> }) : undefined));
    });
    request.on("error", reject);
  });
}

beforeAll(async () => {
  registry = await startRegistry();
  await publishWorkspaceSdk(registry);
  home = makeTempDir();
  work = makeTempDir();
  dataDir = join(makeTempDir(), "plugins");
}, 120_000);

afterAll(async () => {
  await registry?.stop();
});

describe("integrations plugins new billing --scope @acme, to a private registry and back", () => {
  let plugin: string;
  let original: string;

  it("scaffolds the package: naming convention, manifest, SDK peer, scripts, publishConfig, the built-ins' README headings", () => {
    const result = cli(["plugins", "new", "billing", "--scope", "@acme", "--registry", registry.url, "--json"], work);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    plugin = join(work, "integrations-plugin-billing");
    expect(JSON.parse(result.stdout)).toMatchObject({ status: "created", integration: "billing", package: "@acme/integrations-plugin-billing", dir: plugin });
    expect(sourceFiles(plugin)).toEqual([".gitignore", ".npmrc.example", "README.md", "package.json", "src/index.test.ts", "src/index.ts", "tsconfig.json"]);

    expect(json(join(plugin, "package.json"))).toEqual({
      name: "@acme/integrations-plugin-billing",
      version: "1.0.0",
      description: "Billing API (AuthTranslator integration plugin)",
      type: "module",
      license: "UNLICENSED",
      keywords: ["integrations-plugin", "authtranslator", "billing"],
      exports: { ".": { types: "./dist/index.d.ts", default: "./dist/index.js" } },
      files: ["dist", "!dist/**/*.test.*"],
      engines: { node: ">=20.17" },
      integrationsPlugin: { apiVersion: 1, integrations: ["billing"] },
      scripts: { build: "tsc", prepare: "npm run build", test: "npm run build && node --test dist/index.test.js" },
      peerDependencies: { "@integrations/plugin-sdk": "^1.0.0" },
      devDependencies: { "@integrations/plugin-sdk": "^1.0.0", "@types/node": "^20.19.0", typescript: "7.0.2" },
      publishConfig: { access: "restricted", registry: registry.url },
    });
    expect(json(join(plugin, "tsconfig.json")).compilerOptions).toMatchObject({ strict: true, module: "NodeNext", moduleResolution: "NodeNext", outDir: "dist", declaration: true });
    const source = readFileSync(join(plugin, "src", "index.ts"), "utf8");
    expect(source).toContain("definePlugin({");
    expect(source).toContain('token: { type: "secret", required: true');
    expect(source).toContain('domain: { type: "domain"');
    expect(source).toContain("normalizeDomain(flags.domain");
    expect(readFileSync(join(plugin, "src", "index.test.ts"), "utf8")).toContain('import { runPlugin } from "@integrations/plugin-sdk/testing";');
    expect(headings(join(plugin, "README.md"))).toEqual(headings(workspacePath("packages", "plugin-slack", "README.md")));
    const host = registry.url.replace(/^http:/, "");
    expect(readFileSync(join(plugin, ".npmrc.example"), "utf8").split("\n")).toEqual(
      expect.arrayContaining([`@acme:registry=${registry.url}`, `@integrations:registry=${registry.url}`, `${host}:_authToken=\${NPM_TOKEN}`]),
    );
    original = source;
  });

  it(
    "npm install (the SDK from the private registry) builds it, and npm test passes",
    () => {
      // The scaffold's own .npmrc.example maps @acme and @integrations to Verdaccio; the token comes from $NPM_TOKEN.
      cpSync(join(plugin, ".npmrc.example"), join(plugin, ".npmrc"));
      const install = npm(["install", "--no-audit", "--no-fund"], plugin);
      expect(install.code, said(install)).toBe(0);
      expect(existsSync(join(plugin, "dist", "index.js"))).toBe(true);
      expect(json(join(plugin, "node_modules", "@integrations", "plugin-sdk", "package.json")).version).toBe("1.0.0");
      const test = npm(["test"], plugin);
      expect(test.code, said(test)).toBe(0);
      expect(test.stdout).toMatch(/^# pass 4$/m);
      expect(test.stdout).toMatch(/^# fail 0$/m);
    },
    NPM_TIMEOUT_MS,
  );

  it(
    "plugins link: integrations billing --help shows its flags without a publish; an edit and a rebuild show on the next run",
    async () => {
      const linkData = join(makeTempDir(), "plugins");
      const project = makeTempDir();
      const link = cli(["plugins", "link", plugin], project, linkData);
      expect(link.stderr).toBe("");
      expect(link).toMatchObject({
        code: 0,
        stdout: `linked @acme/integrations-plugin-billing (${plugin}): integrations billing (runs sandboxed; to run it in process, install it with --trust or add it to "trust" in the CLI config)\n`,
      });
      expect(await packument("@acme/integrations-plugin-billing")).toBeUndefined();

      const before = cli(["billing", "--help"], project, linkData);
      expect(before.code).toBe(0);
      expect(before.stdout).toContain("from @acme/integrations-plugin-billing@1.0.0 (user)");
      expect(before.stdout).toMatch(/--token <ref>\s+secret reference for the API token/);
      expect(before.stdout).toMatch(/--domain <domain>\s+the API host/);
      expect(before.stdout).not.toContain("--cost-center");

      const edited = original.replace("  flags: {\n", '  flags: {\n    costCenter: { type: "string", description: "the cost center billed for the calls" },\n');
      expect(edited).not.toBe(original);
      writeFileSync(join(plugin, "src", "index.ts"), edited);
      const build = npm(["run", "build"], plugin);
      expect(build.code, said(build)).toBe(0);
      const after = cli(["billing", "--help"], project, linkData);
      expect(after.stdout).toMatch(/--cost-center <text>\s+the cost center billed for the calls/);

      writeFileSync(join(plugin, "src", "index.ts"), original);
    },
    NPM_TIMEOUT_MS,
  );

  it(
    "npm publish sends it to the registry in publishConfig, with the token from the .npmrc, without the compiled tests",
    async () => {
      const pack = npm(["pack", "--dry-run", "--json", "--ignore-scripts"], plugin);
      expect(pack.code, said(pack)).toBe(0);
      const packed = (JSON.parse(pack.stdout) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path).sort();
      expect(packed).toEqual(["README.md", "dist/index.d.ts", "dist/index.js", "package.json"]);

      const publish = npm(["publish"], plugin);
      expect(publish.code, said(publish)).toBe(0);
      expect(Object.keys((await packument("@acme/integrations-plugin-billing"))?.versions ?? {})).toEqual(["1.0.0"]);
    },
    NPM_TIMEOUT_MS,
  );

  it(
    "integrations plugins install @acme/billing, then integrations billing writes the README's example block, valid",
    () => {
      const project = makeTempDir({ "package.json": JSON.stringify({ name: "acme-proxy", private: true }) });
      cpSync(join(plugin, ".npmrc"), join(project, ".npmrc"));
      const install = cli(["plugins", "install", "@acme/billing"], project);
      expect(install.stderr).toBe("");
      expect(install).toMatchObject({
        code: 0,
        stdout: 'installed @acme/integrations-plugin-billing@1.0.0: integrations billing (runs sandboxed; to run it in process, install it with --trust or add it to "trust" in the CLI config)\n',
      });

      const example = readmeExample(join(plugin, "README.md"));
      expect(example.args).toEqual(["billing", "-file", "config.yaml", "-token", "env:BILLING_TOKEN"]);
      const run = cli(example.args, project);
      const written = readFileSync(join(project, "config.yaml"), "utf8");
      expect(run).toMatchObject({ code: 0, stdout: addedToNewFile("config.yaml", written) });
      assertValidConfig(written);
      expect(written).toBe(example.yaml);
      expect(written).toContain("destination: https://billing.acme.internal/api");
    },
    NPM_TIMEOUT_MS,
  );
});

describe("examples/ledger, a third party's plugin: published to and installed from the private registry", () => {
  const example = workspacePath("examples", "ledger");

  it("is what plugins new generates, completed by hand: the same files, package.json keys and README headings", () => {
    const fresh = join(makeTempDir(), "fresh");
    const result = cli(["plugins", "new", "ledger", "--scope", "@acme", "--registry", "https://npm.acme.example/", "--dir", fresh], work);
    expect(result.code, result.stderr).toBe(0);
    expect(sourceFiles(example)).toEqual(sourceFiles(fresh));
    const keys = (dir: string) => Object.keys(json(join(dir, "package.json"))).sort();
    expect(keys(example)).toEqual(keys(fresh));
    expect(json(join(example, "package.json"))).toMatchObject({
      name: "@acme/integrations-plugin-ledger",
      integrationsPlugin: { apiVersion: 1, integrations: ["ledger"] },
      peerDependencies: { "@integrations/plugin-sdk": "^1.0.0" },
    });
    expect(headings(join(example, "README.md"))).toEqual(headings(workspacePath("packages", "plugin-slack", "README.md")));
    // Completed by hand: its own flags and destination, not the template's.
    expect(readFileSync(join(example, "src", "index.ts"), "utf8")).not.toBe(readFileSync(join(fresh, "src", "index.ts"), "utf8"));
    expect(readFileSync(join(example, "README.md"), "utf8")).not.toMatch(/template value/);
  });

  it(
    "copied out of the workspace: npm install, npm test, npm publish; plugins install @acme/ledger; integrations ledger writes its README's example",
    async () => {
      const copy = join(makeTempDir(), "ledger");
      cpSync(example, copy, { recursive: true, filter: (src) => !/[/\\](node_modules|dist|package-lock\.json|\.npmrc)$/.test(src) });
      // The team's registry is Verdaccio here: the .npmrc and publishConfig.registry point at it.
      const host = registry.url.replace(/^http:/, "");
      writeFileSync(join(copy, ".npmrc"), readFileSync(join(copy, ".npmrc.example"), "utf8").replaceAll("https://npm.acme.example/", registry.url).replaceAll("//npm.acme.example/", host));
      const manifest = json(join(copy, "package.json"));
      writeFileSync(join(copy, "package.json"), JSON.stringify({ ...manifest, publishConfig: { access: "restricted", registry: registry.url } }, null, 2));

      const install = npm(["install", "--no-audit", "--no-fund"], copy);
      expect(install.code, said(install)).toBe(0);
      const test = npm(["test"], copy);
      expect(test.code, said(test)).toBe(0);
      expect(test.stdout).toMatch(/^# fail 0$/m);
      const publish = npm(["publish"], copy);
      expect(publish.code, said(publish)).toBe(0);
      expect(Object.keys((await packument("@acme/integrations-plugin-ledger"))?.versions ?? {})).toEqual(["1.0.0"]);

      const project = makeTempDir({ "package.json": JSON.stringify({ name: "acme-proxy", private: true }) });
      cpSync(join(copy, ".npmrc"), join(project, ".npmrc"));
      const installed = cli(["plugins", "install", "@acme/ledger"], project);
      expect(installed.stderr).toBe("");
      expect(installed).toMatchObject({
        code: 0,
        stdout: 'installed @acme/integrations-plugin-ledger@1.0.0: integrations ledger (runs sandboxed; to run it in process, install it with --trust or add it to "trust" in the CLI config)\n',
      });

      const readme = readmeExample(join(example, "README.md"));
      expect(readme.args.slice(0, 1)).toEqual(["ledger"]);
      const run = cli(readme.args, project);
      const written = readFileSync(join(project, "config.yaml"), "utf8");
      expect(run).toMatchObject({ code: 0, stdout: addedToNewFile("config.yaml", written) });
      assertValidConfig(written);
      expect(written).toBe(readme.yaml);
    },
    2 * NPM_TIMEOUT_MS,
  );
});

describe("plugins new, other shapes", () => {
  it("unscoped, without --registry: integrations-plugin-<name>, no publishConfig, a placeholder registry in .npmrc.example", () => {
    const cwd = makeTempDir();
    const result = cli(["plugins", "new", "cost-center"], cwd);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe("");
    expect(result.stdout.split("\n")[0]).toBe("created integrations-plugin-cost-center in integrations-plugin-cost-center: integrations cost-center");
    expect(result.stdout, "no private registry: no .npmrc to copy").not.toContain("cp .npmrc.example .npmrc");
    const manifest = json(join(cwd, "integrations-plugin-cost-center", "package.json"));
    expect(manifest).toMatchObject({
      name: "integrations-plugin-cost-center",
      description: "Cost Center API (AuthTranslator integration plugin)",
      integrationsPlugin: { apiVersion: 1, integrations: ["cost-center"] },
    });
    expect(manifest).not.toHaveProperty("publishConfig");
    const npmrc = readFileSync(join(cwd, "integrations-plugin-cost-center", ".npmrc.example"), "utf8");
    expect(npmrc).toContain("//npm.example.com/:_authToken=${NPM_TOKEN}");
    expect(npmrc.split("\n").filter((line) => line.startsWith("@"))).toEqual(["@integrations:registry=https://npm.example.com/"]);
    expect(readFileSync(join(cwd, "integrations-plugin-cost-center", "src", "index.ts"), "utf8")).toContain("env:COST_CENTER_TOKEN");
  });

  it("--scope without its @, --dir into an existing empty directory", () => {
    const dir = makeTempDir();
    const result = cli(["plugins", "new", "billing", "--scope", "acme", "--dir", dir, "--json"], work);
    expect(result.code, result.stderr).toBe(0);
    const withRegistry = cli(["plugins", "new", "billing", "--scope", "acme", "--registry", "https://npm.acme.example/", "--dir", makeTempDir()], work);
    expect(withRegistry.code, withRegistry.stderr).toBe(0);
    // The next steps, in the authoring guide's order: the registry settings before npm install.
    expect(
      withRegistry.stdout
        .split("\n")
        .map((line) => line.trim().split(/\s+#/)[0]!.trim())
        .filter((line) => /^(cp|npm) /.test(line)),
    ).toEqual(["cp .npmrc.example .npmrc", "npm install", "npm test", "npm publish"]);
    expect(JSON.parse(result.stdout)).toMatchObject({ package: "@acme/integrations-plugin-billing", dir });
    expect(json(join(dir, "package.json"))).toMatchObject({ name: "@acme/integrations-plugin-billing", publishConfig: { access: "restricted" } });
  });
});

describe("plugins new with a built-in's name: written, with a warning saying which plugin shadows which", () => {
  const samePackage =
    "integrations-plugin-slack is the package name of the built-in slack plugin: wherever yours is installed (user plugin directory, project, global) or named (--plugin, the CLI config's plugins), it outranks the built-in, which is then shadowed and cannot be run even by its package name; and integrations plugins install slack would fetch the published built-in, not yours; pick another name, or a scope (--scope @acme)";
  const sameIntegration =
    "slack is also a built-in integration (integrations-plugin-slack): wherever @acme/integrations-plugin-slack is installed or named, it outranks the built-in, which is then listed as shadowed and runs only by its package name (integrations integrations-plugin-slack …); pick another name to keep integrations slack the built-in";

  it.each([
    { command: "plugins new slack", args: ["slack"], warning: samePackage, pkg: "integrations-plugin-slack" },
    { command: "plugins new slack --scope @acme", args: ["slack", "--scope", "@acme"], warning: sameIntegration, pkg: "@acme/integrations-plugin-slack" },
  ])("$command: the warning on stderr, and in --json a warnings field", ({ args, warning, pkg }) => {
    const text = cli(["plugins", "new", ...args], makeTempDir());
    expect(text.code, text.stderr).toBe(0);
    expect(text.stderr).toBe(`warning: ${warning}\n`);
    expect(text.stdout.split("\n")[0]).toMatch(new RegExp(`^created ${pkg.replace("/", "\\/")} in `));
    const json = cli(["plugins", "new", ...args, "--json"], makeTempDir());
    expect(json.code, json.stderr).toBe(0);
    expect(json.stderr).toBe("");
    expect(JSON.parse(json.stdout)).toMatchObject({ status: "created", package: pkg, warnings: [warning] });
  });

  it("another name: no warning", () => {
    const json = cli(["plugins", "new", "ledger-two", "--scope", "@acme", "--json"], makeTempDir());
    expect(json).toMatchObject({ code: 0, stderr: "" });
    expect(JSON.parse(json.stdout)).toMatchObject({ warnings: [] });
  });

  it("what the warning says holds: a user plugin named integrations-plugin-slack shadows the built-in, which its package name no longer reaches", () => {
    const data = join(makeTempDir(), "plugins");
    const mine = makeTempDir();
    writePackage(mine, fixturePackage("integrations-plugin-slack", "9.0.0", { apiVersion: 1, integrations: ["slack"] }, pluginSource({ name: "slack", destination: "https://slack.mine.example" })));
    const cwd = makeTempDir();
    expect(cli(["plugins", "link", mine], cwd, data).code).toBe(0);
    const rows = parseListRows(cli(["list", "--json"], cwd, data).stdout).filter((row) => row.integration === "slack");
    expect(rows.map((row) => `${row.source} ${row.status}`)).toEqual(["user ok", "builtin shadowed"]);
    const run = cli(["integrations-plugin-slack", "-token", "env:T", "-file", "c.yaml"], cwd, data);
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(join(cwd, "c.yaml"), "utf8")).toContain("destination: https://slack.mine.example");
  });
});

describe("plugins new refuses, writing nothing", () => {
  it("a non-empty directory (exit 1)", () => {
    const dir = makeTempDir({ "notes.txt": "mine\n" });
    const result = cli(["plugins", "new", "billing", "--scope", "@acme", "--dir", dir], work);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: .* is not empty \(notes\.txt\); plugins new writes only into a new or empty directory/);
    expect(readdirSync(dir)).toEqual(["notes.txt"]);
  });

  it.each([
    ["list", /"list" is a command word \(integrations list\) and cannot be an integration name/],
    ["Bad Name", /"Bad Name" is not an integration name: use lowercase letters/],
  ])("the name %j (exit 1)", (name, message) => {
    const cwd = makeTempDir();
    const result = cli(["plugins", "new", name, "--scope", "@acme"], cwd);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain("nothing was written");
    expect(readdirSync(cwd)).toEqual([]);
  });

  it("a bad scope and a registry that is not an http(s) URL, both named at once (exit 1)", () => {
    const cwd = makeTempDir();
    const result = cli(["plugins", "new", "billing", "--scope", "Acme Corp", "--registry", "ftp://npm.acme.example", "--json"], cwd);
    expect(result.code).toBe(1);
    const error = (JSON.parse(result.stdout) as { error: string }).error;
    expect(error).toContain('--scope "Acme Corp" is not an npm scope');
    expect(error).toContain('--registry "ftp://npm.acme.example" is not a registry URL');
    expect(readdirSync(cwd)).toEqual([]);
  });
});
