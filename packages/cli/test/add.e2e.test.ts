// End-to-end tests of the main job, `integrations <integration> [flags]`, run through the built CLI
// (packages/cli/dist/bin.js) in temp dirs: the README's command and its spellings, new files, name
// conflicts, --json and --help. Errors are in add-errors.e2e.test.ts, YAML layout in add-yaml.e2e.test.ts.

import { describe, expect, it } from "vitest";
import { assertValidConfig, configSandbox, REFERENCE_CONFIG, SLACK_FLAGS, slackBlock, parseYaml, editedLine, addedToNewFile } from "@integrations/test-utils";

const SLACK_BLOCK = slackBlock();
const sandbox = configSandbox;

const REFERENCE = REFERENCE_CONFIG;

describe("integrations slack on AuthTranslator's reference config", () => {
  it.each([
    ["the README's command", ["slack", "-file", "config.yaml", ...SLACK_FLAGS]],
    ["--file before the integration, --flag=value", ["--file", "config.yaml", "slack", "--token=env:SLACK_TOKEN", "--signing-secret=env:SLACK_SIGNING_SECRET"]],
    ["Go style -flag=value", ["slack", "-file", "config.yaml", "-token", "env:SLACK_TOKEN", "-signing-secret=env:SLACK_SIGNING_SECRET"]],
    ["-file at the end of the line", ["slack", ...SLACK_FLAGS, "-file", "config.yaml"]],
    ["-file=PATH", ["slack", "-file=config.yaml", ...SLACK_FLAGS]],
  ])("%s appends exactly the slack block after the original bytes", (_, args) => {
    const box = sandbox(REFERENCE);
    const result = box.run(...args);
    expect(result).toEqual({ code: 0, stdout: editedLine("added", "slack", "config.yaml", box.text(), SLACK_BLOCK), stderr: "" });
    const after = box.text();
    expect(after.startsWith(REFERENCE)).toBe(true);
    expect(after.slice(REFERENCE.length)).toBe(SLACK_BLOCK);
    assertValidConfig(after);
    expect(box.entries()).toEqual(["config.yaml"]); // no temp or lock file left behind
  });

  it("--json prints one JSON object with status added", () => {
    const box = sandbox(REFERENCE);
    const result = box.run("slack", "-file", "config.yaml", ...SLACK_FLAGS, "--json");
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    expect(result.stdout.endsWith("\n")).toBe(true);
    expect(result.stdout.trimEnd().split("\n")).toHaveLength(1);
    const lines = { first: REFERENCE.split("\n").length, last: REFERENCE.split("\n").length + 17 };
    expect(JSON.parse(result.stdout)).toMatchObject({ status: "added", integration: "slack", file: "config.yaml", written: true, unchanged: false, lines });
    expect(box.text()).toBe(REFERENCE + SLACK_BLOCK);
  });
});

describe("integrations <integration> on a missing file", () => {
  it("slack creates integrations: with the expected block", () => {
    const box = sandbox();
    expect(box.run("slack", "-file", "config.yaml", ...SLACK_FLAGS)).toEqual({ code: 0, stdout: "added slack to config.yaml (lines 2–19)\n", stderr: "" });
    const text = box.text();
    expect(text).toBe(`integrations:\n${SLACK_BLOCK}`);
    assertValidConfig(text);
    const { integrations } = parseYaml(text) as { integrations: Record<string, unknown>[] };
    expect(integrations).toHaveLength(1);
    const slack = integrations[0]!;
    expect(slack.name).toBe("slack");
    expect(slack.destination).toBe("https://slack.com/api");
    expect(slack.incoming_auth).toEqual([{ type: "slack_signature", params: { secrets: ["env:SLACK_SIGNING_SECRET"] } }]);
    expect(slack.outgoing_auth).toEqual([{ type: "token", params: { header: "Authorization", prefix: "Bearer ", secrets: ["env:SLACK_TOKEN"] } }]);
    expect(slack.in_rate_limit).toEqual(expect.any(Number));
    expect(slack.out_rate_limit).toEqual(expect.any(Number));
    expect(slack.rate_limit_window).toEqual(expect.any(String));
    expect(slack.idle_conn_timeout).toEqual(expect.any(String));
  });

  it("github creates integrations: with the expected block", () => {
    const box = sandbox();
    const result = box.run("github", "-file", "config.yaml", "-token", "env:GITHUB_TOKEN", "-webhook-secret", "env:GITHUB_WEBHOOK_SECRET");
    expect(result).toEqual({ code: 0, stdout: addedToNewFile("config.yaml", box.text()), stderr: "" });
    const text = box.text();
    assertValidConfig(text);
    const { integrations } = parseYaml(text) as { integrations: Record<string, unknown>[] };
    expect(integrations).toHaveLength(1);
    const github = integrations[0]!;
    expect(github.name).toBe("github");
    expect(github.destination).toBe("https://api.github.com");
    expect(github.incoming_auth).toEqual([{ type: "github_signature", params: { secrets: ["env:GITHUB_WEBHOOK_SECRET"] } }]);
    expect(github.outgoing_auth).toEqual([{ type: "token", params: { header: "Authorization", prefix: "token ", secrets: ["env:GITHUB_TOKEN"] } }]);
    expect(github.in_rate_limit).toEqual(expect.any(Number));
    expect(github.out_rate_limit).toEqual(expect.any(Number));
    expect(github.rate_limit_window).toEqual(expect.any(String));
    expect(github.idle_conn_timeout).toEqual(expect.any(String));
    expect(text).toContain('          prefix: "token "\n'); // the trailing space survives, quoted
  });

  it("an empty list between comments becomes the block, the comments untouched", () => {
    const original = "# AuthTranslator proxy config\nintegrations: []\n# more integrations go above this line\n";
    assertValidConfig(original);
    const box = sandbox(original);
    expect(box.run("slack", "-file", "config.yaml", ...SLACK_FLAGS)).toEqual({ code: 0, stdout: "added slack to config.yaml (lines 3–20)\n", stderr: "" });
    const after = box.text();
    expect(after).toBe(`# AuthTranslator proxy config\nintegrations:\n${SLACK_BLOCK}# more integrations go above this line\n`);
    assertValidConfig(after);
  });
});

describe("a name that already exists", () => {
  it("the same command twice: exit 1, the file byte-for-byte unchanged", () => {
    const box = sandbox(REFERENCE);
    expect(box.run("slack", "-file", "config.yaml", ...SLACK_FLAGS).code).toBe(0);
    const before = box.bytes();
    const again = box.run("slack", "-file", "config.yaml", ...SLACK_FLAGS);
    expect(again.code).toBe(1);
    expect(again.stdout).toBe("");
    expect(again.stderr).toContain("integration slack already exists");
    expect(box.bytes().equals(before)).toBe(true);
  });

  it("--name SLACK is the same name: exit 1, file unchanged", () => {
    const box = sandbox(REFERENCE);
    expect(box.run("slack", "-file", "config.yaml", ...SLACK_FLAGS).code).toBe(0);
    const before = box.bytes();
    const again = box.run("slack", "-file", "config.yaml", ...SLACK_FLAGS, "--name", "SLACK");
    expect(again.code).toBe(1);
    expect(again.stdout).toBe("");
    expect(again.stderr).toContain("integration slack already exists");
    expect(box.bytes().equals(before)).toBe(true);
  });

  it("--name Slack-Bot adds a second slack block, its name lowercased", () => {
    const box = sandbox(REFERENCE);
    expect(box.run("slack", "-file", "config.yaml", ...SLACK_FLAGS).code).toBe(0);
    const result = box.run("slack", "-file", "config.yaml", ...SLACK_FLAGS, "--name", "Slack-Bot");
    const renamed = SLACK_BLOCK.replace("  - name: slack\n", "  - name: slack-bot\n");
    expect(result).toEqual({ code: 0, stdout: editedLine("added", "slack-bot", "config.yaml", box.text(), renamed), stderr: "" });
    expect(box.text()).toBe(REFERENCE + SLACK_BLOCK + renamed);
    assertValidConfig(box.text());
  });

  it("a hand-written name in other case (Slack) counts too", () => {
    const original = "integrations:\n  - name: Slack\n    destination: https://slack.com/api\n";
    const box = sandbox(original);
    const result = box.run("slack", "-file", "config.yaml", ...SLACK_FLAGS);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("integration slack already exists");
    expect(box.text()).toBe(original);
  });
});

describe("--help", () => {
  /** The help paragraph of one option: its line and the wrapped description lines under it. */
  function optionText(help: string, flag: string): string {
    const lines = help.split("\n");
    const start = lines.findIndex((line) => line.startsWith(`  ${flag} `) || line === `  ${flag}`);
    if (start < 0) return "";
    const rest = lines.slice(start + 1);
    const end = rest.findIndex((line) => !/^\s{4,}\S/.test(line));
    return [lines[start], ...rest.slice(0, end < 0 ? rest.length : end)].join(" ").replace(/\s+/g, " ");
  }

  it("integrations slack --help marks --token and --signing-secret (required) and shows the common flags", () => {
    const box = sandbox();
    const result = box.run("slack", "--help");
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    expect(optionText(result.stdout, "--token")).toContain("(required)");
    expect(optionText(result.stdout, "--signing-secret")).toContain("(required)");
    expect(optionText(result.stdout, "--rate-limit-window")).not.toBe("");
    expect(optionText(result.stdout, "--rate-limit-window")).not.toContain("(required)");
    expect(optionText(result.stdout, "--name")).not.toBe("");
    expect(optionText(result.stdout, "--name")).not.toContain("(required)");
    expect(box.entries()).toEqual([]);
  });

  it("integrations --help lists slack and github", () => {
    const box = sandbox();
    const result = box.run("--help");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ {2}slack\s/m);
    expect(result.stdout).toMatch(/^ {2}github\s/m);
  });

  it("integrations help slack prints the same as integrations slack --help", () => {
    const box = sandbox();
    const viaHelp = box.run("help", "slack");
    expect(viaHelp.code).toBe(0);
    expect(viaHelp.stderr).toBe("");
    expect(viaHelp.stdout).toBe(box.run("slack", "--help").stdout);
    expect(optionText(viaHelp.stdout, "--token")).toContain("(required)");
  });
});
