// Mistakes caught before they are written: update of a name no block has, update of another
// integration's block, negative numbers, "did you mean", and an integration asked for while plugins
// are off. Each refusal is one line on stderr with its exit code, and the file stays byte for byte.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { assertValidConfig, configSandbox, REFERENCE_CONFIG, runCli, SLACK_FLAGS, slackItemLines, type CliResult } from "@integrations/test-utils";

const SLACK_AND_GITHUB = ["# two blocks", "integrations:", ...slackItemLines(), "  - name: github-prod", "    destination: https://api.github.com", ""].join("\n");
const GITHUB_FLAGS = ["-token", "env:GITHUB_TOKEN", "-webhook-secret", "env:GITHUB_WEBHOOK_SECRET"];
// Built from parts, so that this file holds no credential-shaped literal.
const RAW_TOKEN = ["xoxb", "123456789012", "abcdefghijklmnopqrstuvwx"].join("-");

/** The run's one stderr line, after checking its exit code, an empty stdout and no stack trace. */
function oneLineError(result: CliResult, code: number): string {
  expect(result.code, result.stderr).toBe(code);
  expect(result.stdout).toBe("");
  const lines = result.stderr.trimEnd().split("\n");
  expect(lines, result.stderr).toHaveLength(1);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  return lines[0]!;
}

/** The `--json` error of a run: valid JSON on stdout with its exit code. */
function jsonError(result: CliResult, code: number): string {
  expect(result.code, result.stderr).toBe(code);
  const parsed = JSON.parse(result.stdout) as { status: string; exitCode: number; error: string };
  expect(parsed).toMatchObject({ status: "error", exitCode: code });
  return parsed.error;
}

describe("update of a name no block has", () => {
  it("says so, suggests the closest names and writes nothing (exit 1)", () => {
    const box = configSandbox(SLACK_AND_GITHUB);
    const line = oneLineError(box.run("update", "slack", "--name", "slak", ...SLACK_FLAGS), 1);
    expect(line).toBe(
      "error: nothing to update: no block in config.yaml is named slak; closest: slack (give the block's name with --name); add --add to append slak as a new block; nothing was written",
    );
    expect(box.bytes().equals(Buffer.from(SLACK_AND_GITHUB))).toBe(true);
    expect(box.entries()).toEqual(["config.yaml"]);
  });

  it("is the same for the default name on a file without that block, also as --json", () => {
    const box = configSandbox(REFERENCE_CONFIG);
    const line = oneLineError(box.run("update", "slack", ...SLACK_FLAGS), 1);
    expect(line).toMatch(/^error: nothing to update: no block in config\.yaml is named slack; .*add --add to append slack as a new block; nothing was written$/);
    expect(jsonError(box.run("update", "slack", "--json", ...SLACK_FLAGS), 1)).toContain("no block in config.yaml is named slack");
    expect(box.text()).toBe(REFERENCE_CONFIG);
  });

  it("on a file that does not exist creates nothing", () => {
    const box = configSandbox();
    expect(oneLineError(box.run("update", "slack", ...SLACK_FLAGS), 1)).toContain("config.yaml does not exist; add --add to append slack");
    expect(existsSync(join(box.dir, "config.yaml"))).toBe(false);
  });

  it("takes update's switches before the integration too (update --add slack …)", () => {
    const box = configSandbox(SLACK_AND_GITHUB);
    expect(box.run("update", "--add", "--dry-run", "slack", "--name", "slack-2", ...SLACK_FLAGS)).toMatchObject({ code: 0 });
    expect(box.text()).toBe(SLACK_AND_GITHUB);
    expect(box.run("update", "--add", "slack", "--name", "slack-2", ...SLACK_FLAGS)).toMatchObject({ code: 0 });
    expect(box.text()).toContain("  - name: slack-2\n");
    assertValidConfig(box.text());
  });

  it("appends with --add, which update --help documents", () => {
    const box = configSandbox(SLACK_AND_GITHUB);
    expect(box.run("update", "slack", "--name", "slack-2", "--add", ...SLACK_FLAGS)).toMatchObject({ code: 0 });
    expect(box.text().startsWith(SLACK_AND_GITHUB)).toBe(true);
    expect(box.text()).toContain("  - name: slack-2\n");
    assertValidConfig(box.text());
    expect(box.run("update", "--help").stdout).toMatch(/--add +append the block when no block has that name/);
  });

  it("--add is refused outside update (exit 2)", () => {
    const box = configSandbox(SLACK_AND_GITHUB);
    expect(oneLineError(box.run("slack", "--add", ...SLACK_FLAGS), 2)).toBe("error: --add only applies to integrations update");
    expect(box.text()).toBe(SLACK_AND_GITHUB);
  });
});

describe("update of another integration's block", () => {
  it("is refused, naming both and the fixes, the file untouched (exit 1)", () => {
    const box = configSandbox(SLACK_AND_GITHUB);
    const line = oneLineError(box.run("update", "github", "--name", "slack", ...GITHUB_FLAGS), 1);
    expect(line).toBe(
      "error: integrations[0] (slack) in config.yaml is not a block the github plugin writes: it looks like the slack integration's " +
        "(slack.com, incoming slack_signature, outgoing token Authorization), where github writes api.github.com, incoming github_signature, " +
        "outgoing token Authorization; update it with integrations update slack …, or add --replace to overwrite it with github's block; nothing was written",
    );
    expect(jsonError(box.run("update", "github", "--name", "slack", "--json", ...GITHUB_FLAGS), 1)).toContain("is not a block the github plugin writes");
    expect(box.bytes().equals(Buffer.from(SLACK_AND_GITHUB))).toBe(true);
  });

  it("is overwritten with --replace", () => {
    const box = configSandbox(SLACK_AND_GITHUB);
    expect(box.run("update", "github", "--name", "slack", "--replace", ...GITHUB_FLAGS).code).toBe(0);
    assertValidConfig(box.text());
    expect(box.text()).toContain("  - name: slack\n    destination: https://api.github.com\n");
    expect(box.text()).not.toContain("slack_signature");
  });

  it("is not what an update of a block by its own plugin with a new destination is (ghe, gitlab self-hosted)", () => {
    const box = configSandbox();
    expect(box.run("update", "ghe", "--domain", "ghe.acme.example.com", "--add", ...GITHUB_FLAGS).code).toBe(0);
    const moved = box.run("update", "ghe", "--domain", "git.acme.example.com", ...GITHUB_FLAGS);
    expect(moved.code, moved.stderr).toBe(0);
    expect(box.text()).toContain("destination: https://git.acme.example.com/api/v3\n");
    expect(box.run("update", "gitlab", "--add", "--token", "env:GITLAB_TOKEN").code).toBe(0);
    const selfHosted = box.run("update", "gitlab", "--destination", "https://gitlab.acme.example.com/api/v4", "--token", "env:GITLAB_TOKEN");
    expect(selfHosted.code, selfHosted.stderr).toBe(0);
    expect(box.text()).toContain("destination: https://gitlab.acme.example.com/api/v4\n");
    assertValidConfig(box.text());
  });
});

describe("negative numbers", () => {
  it("are usage errors that say 0 means unlimited; nothing is written (exit 2)", () => {
    const box = configSandbox(SLACK_AND_GITHUB);
    const line = oneLineError(box.run("slack", "--name", "slack-2", "--in-rate-limit", "-3", ...SLACK_FLAGS), 2);
    expect(line).toBe("error: --in-rate-limit: -3 is negative; 0 means unlimited (see: integrations slack --help)");
    const json = jsonError(box.run("update", "slack", "--out-rate-limit=-1", "--max-idle-conns", "-2", "--json", ...SLACK_FLAGS), 2);
    expect(json).toBe(
      "--out-rate-limit: -1 is negative; 0 means unlimited; --max-idle-conns: -2 is negative; the proxy refuses a negative count at start-up; give 0 or more (see: integrations slack --help)",
    );
    expect(box.bytes().equals(Buffer.from(SLACK_AND_GITHUB))).toBe(true);
    expect(box.run("slack", "--name", "slack-2", "--in-rate-limit", "0", ...SLACK_FLAGS).code).toBe(0);
    assertValidConfig(box.text());
  });
});

describe("did you mean", () => {
  it("a mistyped command or integration gets the closest names (exit 2)", () => {
    const box = configSandbox(SLACK_AND_GITHUB);
    expect(oneLineError(box.run("lsit"), 2)).toMatch(/^error: unknown integration or command "lsit" \(did you mean list\?\)/);
    expect(oneLineError(box.run("updte", "slack"), 2)).toMatch(/^error: unknown integration or command "updte" \(did you mean update\?\)/);
    expect(oneLineError(box.run("slak", ...SLACK_FLAGS), 2)).toMatch(/^error: unknown integration or command "slak" \(did you mean slack\?\)/);
    expect(oneLineError(box.run("update", "githb", ...GITHUB_FLAGS), 2)).toMatch(/^error: "githb" is not an integration plugin \(did you mean github or gitlab\?\)/);
    expect(jsonError(box.run("slak", "--json"), 2)).toMatch(/\(did you mean slack\?\)/);
    expect(box.text()).toBe(SLACK_AND_GITHUB);
  });

  it("a mistyped flag gets the closest flags, and its value (maybe a credential) is never echoed", () => {
    const box = configSandbox(SLACK_AND_GITHUB);
    for (const args of [
      ["slack", "--tokn", RAW_TOKEN, "--signing-secret", "env:S"],
      ["slack", `--tokn=${RAW_TOKEN}`, "--signing-secret", "env:S", "--json"],
    ]) {
      const result = box.run(...args);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("unknown flag --tokn (did you mean --token?)");
      expect(result.stdout + result.stderr).not.toContain(RAW_TOKEN.slice(5));
    }
    expect(oneLineError(box.run("update", "slack", "--dry-rn", ...SLACK_FLAGS), 2)).toContain("unknown flag --dry-rn (did you mean --dry-run?)");
    expect(box.text()).toBe(SLACK_AND_GITHUB);
  });
});

describe("an integration that is not a built-in while plugins are off", () => {
  it.each([
    { how: "--no-plugins", args: ["--no-plugins"], env: {} },
    { how: "INTEGRATIONS_NO_PLUGINS=1", args: [], env: { INTEGRATIONS_NO_PLUGINS: "1" } },
  ])("says that plugins are off and how to turn them on ($how)", ({ args, env }) => {
    const box = configSandbox(SLACK_AND_GITHUB);
    const run = (...rest: string[]) => runCli([...args, ...rest], { cwd: box.dir, env });
    const line = oneLineError(run("theta", "--token", "env:T"), 2);
    expect(line).toBe(
      'error: "theta" is not a built-in integration or a command, and plugins are off (--no-plugins or INTEGRATIONS_NO_PLUGINS=1), so no plugin was looked for; run without --no-plugins and with INTEGRATIONS_NO_PLUGINS unset to use a plugin\'s integration',
    );
    expect(oneLineError(run("update", "theta"), 2)).toContain("is not a built-in integration, and plugins are off");
    expect(oneLineError(run("slak"), 2)).toContain("(did you mean slack?)");
    expect(box.text()).toBe(SLACK_AND_GITHUB);
  });
});
