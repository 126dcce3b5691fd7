// Shell completion: the bash script sourced in a real bash and driven as readline drives it
// (COMP_WORDS, COMP_CWORD, COMP_LINE, COMP_POINT, then the function `complete -p` names), with
// `integrations` on PATH as a wrapper around the built CLI; and the `__complete` candidates it asks for.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { COMMON_FLAGS, RESERVED_NAMES, toKebabCase } from "@integrations/core";
import { CLI_LAUNCHER, cliEnv, configSandbox, fixturePackage, makeTempDir, pluginSource, runCli, throwingSource, trustPlugins, writeFiles, writePackage } from "@integrations/test-utils";

const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/** A temp bin directory holding `integrations`, a symlink to the launcher (as npm's global bin is). */
function binDir(): string {
  const dir = makeTempDir();
  symlinkSync(CLI_LAUNCHER, join(dir, "integrations"));
  return dir;
}

const BIN = binDir();
const shellEnv = () => cliEnv({ env: { PATH: `${BIN}:${process.env.PATH ?? ""}` } });

/**
 * What bash's programmable completion puts in COMPREPLY for `line` (the text before the cursor, words
 * separated by single spaces; a trailing space starts an empty word), in `cwd`.
 */
function bashComplete(line: string, cwd: string): string[] {
  const words = line.split(" ");
  const script = [
    `source <(${quote(CLI_LAUNCHER)} completion bash)`,
    `COMP_WORDS=(${words.map(quote).join(" ")})`,
    `COMP_CWORD=${words.length - 1}`,
    `COMP_LINE=${quote(line)}`,
    `COMP_POINT=${line.length}`,
    `spec=$(complete -p integrations) || exit 3`,
    `fn=\${spec##*-F }; fn=\${fn%% *}`,
    `COMPREPLY=()`,
    `"$fn" integrations ${quote(words.at(-1)!)} ${quote(words.at(-2)!)}`,
    `printf '%s\\n' "\${COMPREPLY[@]}"`,
  ].join("\n");
  const result = spawnSync("bash", ["-c", script], { cwd, env: shellEnv(), encoding: "utf8", timeout: 60_000 });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout.split("\n").filter((word) => word !== "");
}

/** A project with a plugin that imports fine (with an enum flag) and one whose import throws; both leave a marker when imported. */
function project(): { root: string; markers: string } {
  const root = makeTempDir({ "package.json": JSON.stringify({ name: "p", private: true }) });
  const markers = join(root, "markers");
  mkdirSync(markers);
  writePackage(
    join(root, "node_modules", "integrations-plugin-theta"),
    fixturePackage(
      "integrations-plugin-theta",
      "1.0.0",
      { apiVersion: 1, integrations: ["theta"] },
      pluginSource({
        name: "theta",
        destination: "https://theta.example.com",
        marker: join(markers, "theta"),
        extraFlags: `    region: { type: "enum", values: ["us", "eu"], description: "region" },`,
      }),
    ),
  );
  writePackage(
    join(root, "node_modules", "integrations-plugin-thorn"),
    fixturePackage("integrations-plugin-thorn", "1.0.0", { apiVersion: 1, integrations: ["thorn"] }, throwingSource("boom at import", join(markers, "thorn"))),
  );
  // In process: both plugins write a marker file when imported, which a sandboxed plugin may not.
  trustPlugins(root, ["integrations-plugin-theta", "integrations-plugin-thorn"]);
  return { root, markers };
}

const complete = (cwd: string, ...words: string[]) => {
  const result = runCli(["__complete", ...words], { cwd });
  expect(result.code, result.stderr).toBe(0);
  return result.stdout.split("\n").filter((word) => word !== "");
};

const commonFlags = Object.keys(COMMON_FLAGS).map((key) => `--${toKebabCase(key)}`);

describe("integrations completion bash, sourced in bash", () => {
  it("completes integrations sl<TAB> to slack", () => {
    expect(bashComplete("integrations sl", makeTempDir())).toEqual(["slack"]);
  });

  it("completes integrations slack --si<TAB> to --signing-secret", () => {
    expect(bashComplete("integrations slack --si", makeTempDir())).toEqual(["--signing-secret"]);
  });

  it("completes the flags after update <integration> and -file, and an enum flag's values", () => {
    const cwd = makeTempDir();
    expect(bashComplete("integrations -file config.yaml update slack --to", cwd)).toEqual(["--token"]);
    expect(bashComplete("integrations slack --rate-limit-strategy ", cwd)).toEqual(["fixed_window", "token_bucket", "leaky_bucket"]);
    expect(bashComplete("integrations comp", cwd)).toEqual(["completion"]);
  });

  it("registers with file-name fallback, for -file and flag values", () => {
    const result = spawnSync("bash", ["-c", `source <(${quote(CLI_LAUNCHER)} completion bash) && complete -p integrations`], { env: shellEnv(), encoding: "utf8" });
    expect(result.stdout).toMatch(/^complete -o default -F \S+ integrations$/m);
  });
});

describe("integrations __complete", () => {
  it("lists the command words and the integrations found, without importing any plugin", () => {
    const { root, markers } = project();
    const words = complete(root, "");
    for (const command of RESERVED_NAMES) expect(words).toContain(command);
    expect(words).toEqual(expect.arrayContaining(["slack", "github", "theta", "thorn"]));
    expect(complete(root, "th")).toEqual(["theta", "thorn"]);
    expect(existsSync(join(markers, "theta")) || existsSync(join(markers, "thorn"))).toBe(false);
  });

  it("lists slack's own flags, every common flag and the host flags after slack --", () => {
    const words = complete(makeTempDir(), "slack", "--");
    expect(words).toEqual(expect.arrayContaining(["--token", "--signing-secret", ...commonFlags, "--file", "--dry-run", "--json", "--allow-dangerous-literal"]));
    expect(words.every((word) => word.startsWith("--"))).toBe(true);
    expect(words).not.toContain("--replace");
    expect(complete(makeTempDir(), "update", "slack", "--re")).toEqual(["--response-header-timeout", "--replace"]);
  });

  it("imports only the plugin being completed, and still offers the common flags when it cannot be loaded", () => {
    const { root, markers } = project();
    expect(complete(root, "theta", "--re")).toEqual(["--region", "--response-header-timeout"]);
    expect(complete(root, "theta", "--region", "")).toEqual(["us", "eu"]);
    expect([existsSync(join(markers, "theta")), existsSync(join(markers, "thorn"))]).toEqual([true, false]);
    expect(complete(root, "thorn", "--")).toEqual(expect.arrayContaining(commonFlags));
  });

  it("offers Go-style flags for a single dash, the suggested reference after a secret flag, and the file's names after delete", () => {
    const sandbox = configSandbox("integrations:\n  - name: alpha\n    destination: https://a.example.com\n  - name: beta\n    destination: https://b.example.com\n");
    expect(complete(sandbox.dir, "slack", "-signing")).toEqual(["-signing-secret"]);
    expect(complete(sandbox.dir, "slack", "--token", "")).toEqual(["env:SLACK_TOKEN"]);
    expect(complete(sandbox.dir, "slack", "--token", "env:T", "")).toEqual(expect.arrayContaining(["--signing-secret", "--name"]));
    expect(complete(sandbox.dir, "delete", "")).toEqual(["alpha", "beta"]);
    expect(complete(sandbox.dir, "completion", "")).toEqual(["bash", "zsh", "fish"]);
  });

  it("offers nothing (so the shell completes file names) after -file, and never fails", () => {
    expect(complete(makeTempDir(), "-file", "")).toEqual([]);
    expect(complete(makeTempDir(), "nosuch", "--x")).toEqual([]);
    const broken = makeTempDir();
    writeFiles(broken, { ".integrationsrc.yaml": "plugins: [\n" });
    expect(complete(broken, "sl")).toEqual(["slack"]);
  });
});

describe("the zsh and fish scripts", () => {
  const has = (shell: string) => spawnSync("sh", ["-c", `command -v ${shell}`]).status === 0;

  it.each(["bash", "zsh", "fish"])("integrations completion %s calls back into the CLI", (shell) => {
    const result = runCli(["completion", shell], { cwd: makeTempDir() });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("integrations __complete");
  });

  it.skipIf(!has("zsh"))("zsh -n parses the zsh script", () => {
    const dir = makeTempDir({ _integrations: runCli(["completion", "zsh"], { cwd: makeTempDir() }).stdout });
    const result = spawnSync("zsh", ["-n", join(dir, "_integrations")], { encoding: "utf8" });
    expect(result.status, result.stderr).toBe(0);
  });

  it.skipIf(!has("fish"))("fish -n parses the fish script", () => {
    const dir = makeTempDir({ "integrations.fish": runCli(["completion", "fish"], { cwd: makeTempDir() }).stdout });
    const result = spawnSync("fish", ["-n", join(dir, "integrations.fish")], { encoding: "utf8" });
    expect(result.status, result.stderr).toBe(0);
  });

  it.skipIf(!has("fish"))("fish, with the script sourced, completes integrations sl and slack --si", () => {
    const script = `${quote(CLI_LAUNCHER)} completion fish | source; complete -C 'integrations sl'; complete -C 'integrations slack --si'`;
    const result = spawnSync("fish", ["--no-config", "-c", script], { cwd: makeTempDir(), env: shellEnv(), encoding: "utf8" });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout.split("\n").filter(Boolean)).toEqual(["slack", "--signing-secret"]);
  });

  it("refuses another shell with a usage error", () => {
    const result = runCli(["completion", "powershell"], { cwd: makeTempDir() });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("bash, zsh, fish");
  });
});
