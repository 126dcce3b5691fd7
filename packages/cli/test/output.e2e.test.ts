/**
 * End to end: colour (only on a terminal, never with NO_COLOR), `--quiet`, and the examples that
 * end every command's `--help`, through the built CLI.
 */
import { execFile, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { assertValidConfig, CLI_LAUNCHER, cliEnv, configSandbox, fixturePackage, makeTempDir, runCli, SLACK_FLAGS, throwingSource, writePackage, editedLine } from "@integrations/test-utils";

const ANSI = /\u001b\[/;

/** A project with a broken plugin, so that `list --check` shows `ok` and `error` (both coloured on a terminal). */
function projectWithBrokenPlugin(): string {
  const root = makeTempDir({ "package.json": JSON.stringify({ name: "p", private: true, dependencies: { "integrations-plugin-broken": "1.0.0" } }) });
  writePackage(join(root, "node_modules", "integrations-plugin-broken"), fixturePackage("integrations-plugin-broken", "1.0.0", { apiVersion: 1, integrations: ["broken"] }, throwingSource("boom")));
  return root;
}

describe("colour", () => {
  const commands = [["list", "--check"], ["doctor"], ["nosuch-integration"], ["list", "--frob"]];

  it("is never written when stdout and stderr are not terminals (NO_COLOR unset)", () => {
    const cwd = projectWithBrokenPlugin();
    for (const args of commands) {
      const result = runCli(args, { cwd, env: { NO_COLOR: undefined, FORCE_COLOR: undefined } });
      expect(result.stdout + result.stderr, args.join(" ")).not.toMatch(ANSI);
      expect(result.stdout + result.stderr, args.join(" ")).not.toBe("");
    }
  });

  it("is written with FORCE_COLOR (so the checks above can fail), but never with NO_COLOR", () => {
    const cwd = projectWithBrokenPlugin();
    const forced = runCli(["list", "--check"], { cwd, env: { NO_COLOR: undefined, FORCE_COLOR: "1" } });
    expect(forced.stdout).toMatch(/\u001b\[32mok\u001b\[39m/);
    expect(forced.stdout).toMatch(/\u001b\[31merror\u001b\[39m/);
    const forcedError = runCli(["nosuch-integration"], { cwd, env: { NO_COLOR: undefined, FORCE_COLOR: "1" } });
    expect(forcedError.stderr).toMatch(/^\u001b\[31merror:\u001b\[39m unknown integration/);
    for (const args of commands) {
      const result = runCli(args, { cwd, env: { NO_COLOR: "1", FORCE_COLOR: "1" } });
      expect(result.stdout + result.stderr, args.join(" ")).not.toMatch(ANSI);
    }
  });

  // A real terminal: util-linux `script` runs the CLI on a pseudo-terminal.
  const script = ["/usr/bin/script", "/bin/script"].find(existsSync);
  it.runIf(script)("is written on a terminal, and not there with NO_COLOR", () => {
    const cwd = projectWithBrokenPlugin();
    const onTty = (env: Record<string, string | undefined>) => {
      const command = `${JSON.stringify(CLI_LAUNCHER)} list --check`;
      const result = spawnSync(script!, ["-qec", command, "/dev/null"], { cwd, env: cliEnv({ env: { TERM: "xterm-256color", CI: undefined, FORCE_COLOR: undefined, ...env } }), encoding: "utf8" });
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/integrations-plugin-broken/);
      return result.stdout;
    };
    expect(onTty({ NO_COLOR: undefined })).toMatch(/\u001b\[31merror\u001b\[39m/);
    expect(onTty({ NO_COLOR: "1" })).not.toMatch(ANSI);
  });
});

describe("--quiet", () => {
  it("on an add prints nothing on stdout (nor a warning) but still writes the file; anywhere on the line", () => {
    const sandbox = configSandbox();
    const quiet = sandbox.run("slack", ...SLACK_FLAGS, "--quiet");
    expect(quiet.code, quiet.stderr).toBe(0);
    expect(quiet.stdout).toBe("");
    expect(quiet.stderr).toBe("");
    assertValidConfig(sandbox.text());
    expect(sandbox.text()).toContain("- name: slack");

    // An integration without incoming_auth warns; --quiet (before the integration, Go-style) silences it.
    const loud = sandbox.run("openai", "--token", "env:OPENAI_KEY", "--name", "openai-loud");
    const text = sandbox.text();
    expect(loud.stdout).toBe(editedLine("added", "openai-loud", "config.yaml", text, text.slice(text.indexOf("  - name: openai-loud\n"))));
    expect(loud.stderr).toMatch(/^warning: integration openai-loud has no incoming_auth/);
    const silent = sandbox.run("-quiet", "openai", "--token", "env:OPENAI_KEY");
    expect(silent.code, silent.stderr).toBe(0);
    expect(silent.stdout + silent.stderr).toBe("");
    assertValidConfig(sandbox.text());
    expect(sandbox.text()).toMatch(/- name: openai\n/);
  });

  it("still prints errors and --json output, and silences delete and validate's success lines", () => {
    const sandbox = configSandbox();
    expect(sandbox.run("slack", ...SLACK_FLAGS).code).toBe(0);
    const again = sandbox.run("slack", ...SLACK_FLAGS, "--quiet");
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^error: integration slack already exists/);

    const json = sandbox.run("update", "slack", ...SLACK_FLAGS, "--quiet", "--json");
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ status: "updated", integration: "slack" });

    const validate = sandbox.run("validate", "--quiet");
    expect(validate).toMatchObject({ code: 0, stdout: "", stderr: "" });
    expect(sandbox.run("validate").stdout).toMatch(/is valid \(1 integration\)/);

    const deleted = sandbox.run("--quiet", "delete", "slack");
    expect(deleted).toMatchObject({ code: 0, stdout: "", stderr: "" });
    expect(readFileSync(join(sandbox.dir, "config.yaml"), "utf8")).not.toContain("slack");
  });
});

describe("--help ends with examples", () => {
  const run = promisify(execFile);
  const help = async (args: string[], cwd: string): Promise<string> => {
    const { stdout } = await run(CLI_LAUNCHER, [...args, "--help"], { cwd, env: cliEnv() });
    return stdout;
  };
  /** The command names in a commander help text's `Commands:` section (without commander's own `help [command]`). */
  const commandsIn = (text: string): string[] => {
    const section = text.split(/\n(?=\S)/).find((block) => block.startsWith("Commands:")) ?? "";
    return [...section.matchAll(/^ {2}([a-z][\w-]*)/gm)].map((m) => m[1]!).filter((name, i, all) => all.indexOf(name) === i);
  };
  const lastBlock = (text: string): string =>
    text
      .split(/\n\s*\n/)
      .map((b) => b.trim())
      .filter(Boolean)
      .at(-1) ?? "";

  it("for the root, every command word, every plugins subcommand and every integration", async () => {
    const cwd = makeTempDir();
    const root = await help([], cwd);
    const words = commandsIn(root);
    expect(words).toEqual(expect.arrayContaining(["update", "delete", "list", "validate", "help", "plugins", "doctor"]));
    const subcommands = commandsIn(await help(["plugins"], cwd)).filter((name) => name !== "help");
    expect(subcommands).toEqual(expect.arrayContaining(["install", "uninstall", "update", "link", "inspect"]));
    const integrations = (JSON.parse(runCli(["list", "--json"], { cwd }).stdout) as { integration: string }[]).map((r) => r.integration);
    expect(integrations).toContain("slack");

    const lines = [[], ...words.map((w) => [w]), ...subcommands.map((s) => ["plugins", s]), ...integrations.map((i) => [i])];
    const texts = await Promise.all(lines.map(async (args) => [args.join(" ") || "(root)", await help(args, cwd)] as const));
    const missing = texts.filter(([, text]) => !lastBlock(text).startsWith("Examples:")).map(([name, text]) => `${name}: …${text.slice(-200)}`);
    expect(missing, missing.join("\n\n")).toEqual([]);
    for (const [name, text] of texts) expect(lastBlock(text).split("\n").length, name).toBeGreaterThan(1);
  }, 120_000); // some 40 runs of the CLI
});
