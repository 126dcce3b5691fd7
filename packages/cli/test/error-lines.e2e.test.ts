// The main error lines pinned as they read today, one case each, with their exit codes: stderr and
// stdout apart, and the config file byte for byte as it was (nothing else left beside it). Each case
// runs in a temp project of its own; the temp path is replaced by <project>.
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, readdirSync, readFileSync, realpathSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { isolatedEnv, makeTempDir, pluginSource, runCli, startCli, throwingSource, writeFiles, writeProjectPlugin, type CliResult } from "@integrations/test-utils";

/** The config every case starts from (one block, so that a change to it would show). */
const CONFIG = "# the team's proxy\nintegrations:\n  - name: github\n    destination: https://api.github.com\n";
const SLACK = ["-token", "env:SLACK_TOKEN", "-signing-secret", "env:SLACK_SIGNING_SECRET"];

/** One error case: the command line, and the project it runs in besides config.yaml. */
interface Case {
  args: string[];
  /** Files written into the project besides config.yaml (relative path → content). */
  files?: Record<string, string>;
  /** Plugins in the project's node_modules (integration name → module source); the project gets a package.json. */
  plugins?: Record<string, string>;
}

const CASES = {
  "unknown command": { args: ["plugins", "instal", "demo"] },
  "unknown integration": { args: ["slak", ...SLACK] },
  "unknown flag": { args: ["slack", ...SLACK, "--tokn", "env:SLACK_TOKEN"] },
  "missing required flag": { args: ["slack", "-token", "env:SLACK_TOKEN"] },
  "raw token for a secret reference": { args: ["slack", "-token", "xoxb-1234567890-abcdefghijkl", "-signing-secret", "env:SLACK_SIGNING_SECRET"] },
  "negative number": { args: ["slack", ...SLACK, "--in-rate-limit", "-5"] },
  "config that is not YAML": { args: ["slack", "-file", "broken.yaml", ...SLACK], files: { "broken.yaml": "integrations: [\n  - name: github\n" } },
  "config the proxy refuses": {
    args: ["validate", "-file", "refused.yaml"],
    files: { "refused.yaml": "integrations:\n  - name: slack\n    destination: https://slack.com/api\n    in_rate_limit: fast\n" },
  },
  "update of a missing name": { args: ["update", "slack", ...SLACK] },
  "plugin that throws at import": { args: ["boom", "-token", "env:BOOM_TOKEN"], plugins: { boom: throwingSource("boom: cannot start") } },
  "plugin that returns an invalid block": { args: ["acme", "-token", "env:ACME_TOKEN"], plugins: { acme: pluginSource({ name: "acme", destination: "not a url" }) } },
  "--no-plugins with a third-party name": { args: ["--no-plugins", "acme", "-token", "env:ACME_TOKEN"], plugins: { acme: pluginSource({ name: "acme", destination: "https://api.acme.test" }) } },
} satisfies Record<string, Case>;

/** A temp project for `c`: config.yaml, its files and plugins. Returns the project and what it held. */
function project(c: Case): { dir: string; before: Map<string, Buffer>; listing: string[] } {
  const dir = makeTempDir({ "config.yaml": CONFIG, ...c.files });
  if (c.plugins) {
    writeFiles(dir, { "package.json": '{ "name": "acme-gateway", "private": true }\n' });
    for (const [name, source] of Object.entries(c.plugins)) writeProjectPlugin(dir, name, source);
  }
  const configs = ["config.yaml", ...Object.keys(c.files ?? {})];
  return { dir, before: new Map(configs.map((file) => [file, readFileSync(join(dir, file))])), listing: readdirSync(dir).sort() };
}

/** `text` with the project's temp path (as given and as resolved) replaced by <project>. */
const normalised = (text: string, dir: string): string => text.replaceAll(realpathSync(dir), "<project>").replaceAll(dir, "<project>");

const results = new Map<string, CliResult>();

beforeAll(async () => {
  // Independent runs, each in its own project: started together.
  const runs = Object.entries(CASES).map(async ([name, c]: [string, Case]) => {
    const { dir, before, listing } = project(c);
    const result = await startCli(c.args, { cwd: dir, env: { COLUMNS: "80" } }).done;
    for (const [file, bytes] of before) expect(readFileSync(join(dir, file)).equals(bytes), `${name}: ${file} changed`).toBe(true);
    expect(readdirSync(dir).sort(), `${name}: files left beside the config`).toEqual(listing);
    results.set(name, { code: result.code, stdout: normalised(result.stdout, dir), stderr: normalised(result.stderr, dir) });
  });
  await Promise.all(runs);
});

const result = (name: keyof typeof CASES): CliResult => results.get(name) ?? expect.fail(`no run for "${name}"`);

describe("error lines, pinned", () => {
  it("unknown command", () => {
    const { code, stderr, stdout } = result("unknown command");
    expect(code).toBe(2);
    expect(stderr).toMatchInlineSnapshot(`
      "error: unknown command 'instal'
      (Did you mean install?)
      "
    `);
    expect(stdout).toMatchInlineSnapshot(`""`);
  });

  it("unknown integration (did you mean)", () => {
    const { code, stderr, stdout } = result("unknown integration");
    expect(code).toBe(2);
    expect(stderr).toMatchInlineSnapshot(`
      "error: unknown integration or command "slak" (did you mean slack?) (see integrations list, and integrations --help for the commands)
      "
    `);
    expect(stdout).toMatchInlineSnapshot(`""`);
  });

  it("unknown flag", () => {
    const { code, stderr, stdout } = result("unknown flag");
    expect(code).toBe(2);
    expect(stderr).toMatchInlineSnapshot(`
      "error: unknown flag --tokn (did you mean --token?) (see: integrations slack --help)
      "
    `);
    expect(stdout).toMatchInlineSnapshot(`""`);
  });

  it("missing required flag", () => {
    const { code, stderr, stdout } = result("missing required flag");
    expect(code).toBe(2);
    expect(stderr).toMatchInlineSnapshot(`
      "error: missing required flag --signing-secret (see: integrations slack --help)
      "
    `);
    expect(stdout).toMatchInlineSnapshot(`""`);
  });

  it("a raw token where a secret reference is needed", () => {
    const { code, stderr, stdout } = result("raw token for a secret reference");
    expect(code).toBe(1);
    expect(stderr).toMatchInlineSnapshot(`
      "error: --token: looks like a raw credential (xoxb… (28 chars)), not a secret reference; use a secret reference such as env:SLACK_TOKEN
      "
    `);
    expect(stdout).toMatchInlineSnapshot(`""`);
  });

  it("a negative number", () => {
    const { code, stderr, stdout } = result("negative number");
    expect(code).toBe(2);
    expect(stderr).toMatchInlineSnapshot(`
      "error: --in-rate-limit: -5 is negative; 0 means unlimited (see: integrations slack --help)
      "
    `);
    expect(stdout).toMatchInlineSnapshot(`""`);
  });

  it("a config file that is not YAML", () => {
    const { code, stderr, stdout } = result("config that is not YAML");
    expect(code).toBe(1);
    expect(stderr).toMatchInlineSnapshot(`
      "error: broken.yaml:2:3: Block collections are not allowed within flow collections; fix the YAML and run again
      "
    `);
    expect(stdout).toMatchInlineSnapshot(`""`);
  });

  it("a config the proxy refuses (validate)", () => {
    const { code, stderr, stdout } = result("config the proxy refuses");
    expect(code).toBe(1);
    expect(stderr).toMatchInlineSnapshot(`
      "warning: refused.yaml:2: integrations[0]: integration slack has no incoming_auth: any caller that reaches the proxy can use it
      "
    `);
    expect(stdout).toMatchInlineSnapshot(`
      "error: refused.yaml:4: integrations[0].in_rate_limit: must be an integer, not a string
      1 problem in refused.yaml; 1 warning
      "
    `);
  });

  it("update of a missing name", () => {
    const { code, stderr, stdout } = result("update of a missing name");
    expect(code).toBe(1);
    expect(stderr).toMatchInlineSnapshot(`
      "error: nothing to update: no block in config.yaml is named slack; its blocks: github (give the block's name with --name); add --add to append slack as a new block; nothing was written
      "
    `);
    expect(stdout).toMatchInlineSnapshot(`""`);
  });

  it("a plugin that throws at import", () => {
    const { code, stderr, stdout } = result("plugin that throws at import");
    expect(code).toBe(1);
    expect(stderr).toMatchInlineSnapshot(`
      "error: plugin integrations-plugin-boom (<project>/node_modules/integrations-plugin-boom) cannot be loaded: importing it threw: boom: cannot start
      "
    `);
    expect(stdout).toMatchInlineSnapshot(`""`);
  });

  it("a plugin that returns an invalid block", () => {
    const { code, stderr, stdout } = result("plugin that returns an invalid block");
    expect(code).toBe(1);
    expect(stderr).toMatchInlineSnapshot(`
      "error: the block for acme is not valid: destination: "not a url" has no scheme; write it as https://not a url (plugin integrations-plugin-acme)
      "
    `);
    expect(stdout).toMatchInlineSnapshot(`""`);
  });

  it("--no-plugins with a third-party name", () => {
    const { code, stderr, stdout } = result("--no-plugins with a third-party name");
    expect(code).toBe(2);
    expect(stderr).toMatchInlineSnapshot(`
      "error: "acme" is not a built-in integration or a command, and plugins are off (--no-plugins or INTEGRATIONS_NO_PLUGINS=1), so no plugin was looked for; run without --no-plugins and with INTEGRATIONS_NO_PLUGINS unset to use a plugin's integration
      "
    `);
    expect(stdout).toMatchInlineSnapshot(`""`);
  });
});

// Root writes anywhere, so the read-only directory is tried as another user (a uid with no passwd
// entry, through setpriv): only where the test runs as root that may switch users, and the checkout
// is readable by others.
const OTHER = { uid: 60_020, gid: 60_020, groups: [] };
const canSwitchUsers =
  process.getuid?.() === 0 &&
  spawnSync("setpriv", [`--reuid=${OTHER.uid}`, `--regid=${OTHER.gid}`, "--clear-groups", "true"]).status === 0 &&
  runCli(["--version"], { cwd: "/", user: OTHER }).code === 0;

describe.skipIf(!canSwitchUsers)("error lines, pinned, as a user other than root", () => {
  it("a file that cannot be written (a read-only directory)", () => {
    const base = makeTempDir();
    chmodSync(base, 0o755);
    const dir = join(base, "readonly");
    mkdirSync(dir);
    writeFiles(dir, { "config.yaml": CONFIG });
    chmodSync(dir, 0o555);
    const run = runCli(["slack", "-file", "readonly/config.yaml", ...SLACK], { cwd: base, env: isolatedEnv(join(base, "isolated")), user: OTHER });
    expect(readFileSync(join(dir, "config.yaml"), "utf8")).toBe(CONFIG);
    expect(readdirSync(dir)).toEqual(["config.yaml"]);
    const { code, stderr, stdout } = { ...run, stderr: normalised(run.stderr, base), stdout: normalised(run.stdout, base) };
    expect(code).toBe(1);
    expect(stderr).toMatchInlineSnapshot(`
      "error: cannot lock readonly/config.yaml: directory <project>/readonly is not writable by this user (uid 60020), and the lock and the new version of the file are made there; ask for write access to it, or keep the config in a directory you may write
      "
    `);
    expect(stdout).toMatchInlineSnapshot(`""`);
  });
});
