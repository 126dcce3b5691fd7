// Issue 17, "Output that says exactly what happened", through the built CLI: the success lines of
// add, update and delete name the block, the file and the block's lines as written; an update that
// changes nothing says so and leaves the file alone (bytes, modification time, inode).
import { statSync, utimesSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { assertValidConfig, configSandbox, REFERENCE_CONFIG, SLACK_FLAGS, slackBlock, slackItemLines, type ConfigSandbox } from "@integrations/test-utils";

const ADD = ["slack", "-file", "config.yaml", ...SLACK_FLAGS];
const UPDATE = ["update", ...ADD];

/** Lines `first`..`last` (1-based, inclusive) of `text`, each with its line end. */
function linesOf(text: string, first: number, last: number): string {
  return text
    .split(/(?<=\n)/)
    .slice(first - 1, last)
    .join("");
}

/** The `(lines a–b)` of a success line. */
function spanOf(stdout: string): [number, number] {
  const match = /\(lines (\d+)–(\d+)\)\n$/.exec(stdout);
  expect(match, stdout).not.toBeNull();
  return [Number(match![1]), Number(match![2])];
}

/** A file of `count` small blocks `b0`, `b1`, …: over 64 KiB from about 1,000 on, so edited by source ranges. */
function manyBlocks(count: number): string {
  const blocks = Array.from({ length: count }, (_, i) => `  - name: b${i}\n    destination: https://b${i}.example.com\n    rate_limit_window: 1m\n`);
  return `# many\nintegrations:\n${blocks.join("")}# end\n`;
}

/** The file's bytes, modification time and inode. */
function fileState(box: ConfigSandbox) {
  const info = statSync(join(box.dir, "config.yaml"));
  return { bytes: box.bytes().toString("base64"), mtimeMs: info.mtimeMs, ino: info.ino };
}

describe("success lines name the block, the file and its lines", () => {
  it("add: `added slack to config.yaml (lines a–b)`, and those lines are the block", () => {
    const box = configSandbox(REFERENCE_CONFIG);
    const result = box.run(...ADD);
    const first = REFERENCE_CONFIG.split("\n").length;
    expect(result).toEqual({ code: 0, stdout: `added slack to config.yaml (lines ${first}–${first + 17})\n`, stderr: "" });
    expect(linesOf(box.text(), first, first + 17)).toBe(slackBlock());
  });

  it("update: `updated <name as written> in config.yaml (lines a–b)`, the block's lines in the middle of the file", () => {
    const original =
      "# top\nintegrations:\n  - name: a\n    destination: https://a.example.com\n  # slack next\n  - name: Slack\n    destination: https://old.example.com\n  - name: z\n    destination: https://z.example.com\n";
    assertValidConfig(original);
    const box = configSandbox(original);
    const result = box.run(...UPDATE);
    expect(result).toMatchObject({ code: 0, stdout: "updated Slack in config.yaml (lines 6–23)\n", stderr: "" });
    expect(linesOf(box.text(), 6, 23)).toBe(slackBlock().replace("- name: slack", "- name: Slack"));
    expect(linesOf(box.text(), 24, 24)).toBe("  - name: z\n");
    assertValidConfig(box.text());
  });

  it("delete: `deleted <name as written> from config.yaml`", () => {
    const original = "integrations:\n  - name: Slack\n    destination: https://slack.com/api\n  - name: z\n    destination: https://z.example.com\n";
    assertValidConfig(original);
    const box = configSandbox(original);
    expect(box.run("delete", "slack", "-file", "config.yaml")).toEqual({ code: 0, stdout: "deleted Slack from config.yaml\n", stderr: "" });
  });

  it("names the file as given on the command line", () => {
    const box = configSandbox();
    expect(box.run("slack", "-file", "./config.yaml", ...SLACK_FLAGS).stdout).toBe("added slack to ./config.yaml (lines 2–19)\n");
  });

  it("on a large file edited by source ranges, add and update give the block's lines", () => {
    const original = manyBlocks(1500);
    expect(original.length).toBeGreaterThan(64 * 1024);
    assertValidConfig(original);
    const box = configSandbox(original);
    const added = box.run(...ADD);
    expect(added.code, added.stderr).toBe(0);
    const [first, last] = spanOf(added.stdout);
    expect([first, last]).toEqual([3 + 1500 * 3, 3 + 1500 * 3 + 17]);
    expect(linesOf(box.text(), first, last)).toBe(slackBlock());

    const updated = box.run("update", "slack", "--name", "b700", "-file", "config.yaml", ...SLACK_FLAGS);
    expect(updated.code, updated.stderr).toBe(0);
    expect(updated.stdout).toBe(`updated b700 in config.yaml (lines ${3 + 700 * 3}–${3 + 700 * 3 + 17})\n`);
    expect(linesOf(box.text(), 3 + 700 * 3, 3 + 700 * 3 + 17)).toBe(`${slackItemLines("b700").join("\n")}\n`);
  });

  it("--quiet silences them", () => {
    const box = configSandbox(REFERENCE_CONFIG);
    expect(box.run(...ADD, "--quiet")).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(box.run("--quiet", ...UPDATE, "--rate-limit-window", "30s")).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(box.run(...UPDATE, "--quiet")).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(box.run("delete", "slack", "-file", "config.yaml", "-quiet")).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("--json gives the same facts as fields, beside the existing keys", () => {
    const box = configSandbox(REFERENCE_CONFIG);
    const first = REFERENCE_CONFIG.split("\n").length;
    const added = JSON.parse(box.run(...ADD, "--json").stdout) as unknown;
    expect(added).toEqual({ status: "added", integration: "slack", plugin: "integrations-plugin-slack", file: "config.yaml", written: true, unchanged: false, lines: { first, last: first + 17 } });
    const updated = JSON.parse(box.run(...UPDATE, "--rate-limit-window", "30s", "--json").stdout) as unknown;
    expect(updated).toEqual({ status: "updated", integration: "slack", plugin: "integrations-plugin-slack", file: "config.yaml", written: true, unchanged: false, lines: { first, last: first + 17 } });
    const deleted = JSON.parse(box.run("delete", "SLACK", "-file", "config.yaml", "--json").stdout) as unknown;
    expect(deleted).toEqual({ status: "deleted", integration: "slack", file: "config.yaml", written: true, unchanged: false });
  });
});

describe("an update that changes nothing", () => {
  /** A file whose modification time is an hour old, so that any write would show. */
  function written(text: string): ConfigSandbox {
    assertValidConfig(text);
    const box = configSandbox(text);
    const hourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(join(box.dir, "config.yaml"), hourAgo, hourAgo);
    return box;
  }

  it("says so and writes nothing: bytes, modification time and inode unchanged", () => {
    const box = written(REFERENCE_CONFIG + slackBlock());
    const before = fileState(box);
    expect(box.run(...UPDATE)).toEqual({ code: 0, stdout: "slack in config.yaml is already up to date; nothing written\n", stderr: "" });
    expect(fileState(box)).toEqual(before);
    expect(box.entries()).toEqual(["config.yaml"]);
  });

  it("--json says it too: written false, unchanged true, the block's lines", () => {
    const box = written(REFERENCE_CONFIG + slackBlock());
    const before = fileState(box);
    const first = REFERENCE_CONFIG.split("\n").length;
    const result = box.run(...UPDATE, "--json");
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual({
      status: "updated",
      integration: "slack",
      plugin: "integrations-plugin-slack",
      file: "config.yaml",
      written: false,
      unchanged: true,
      lines: { first, last: first + 17 },
    });
    expect(fileState(box)).toEqual(before);
  });

  it("--dry-run says it too, on stderr: no bare diff headers on stdout, exit 0; --dry-run --json has unchanged true and no diff", () => {
    const box = written(REFERENCE_CONFIG + slackBlock());
    const before = fileState(box);
    expect(box.run(...UPDATE, "--dry-run")).toEqual({ code: 0, stdout: "", stderr: "slack in config.yaml is already up to date; nothing written\n" });
    const json = box.run(...UPDATE, "--dry-run", "--json");
    expect({ code: json.code, stderr: json.stderr }).toEqual({ code: 0, stderr: "" });
    expect(JSON.parse(json.stdout)).toEqual({ status: "dry-run", action: "updated", integration: "slack", file: "config.yaml", unchanged: true, diff: "" });
    const changing = JSON.parse(box.run(...UPDATE, "--rate-limit-window", "30s", "--dry-run", "--json").stdout) as { unchanged: boolean; diff: string };
    expect(changing.unchanged).toBe(false);
    expect(changing.diff).toContain("+    rate_limit_window: 30s\n");
    expect(fileState(box)).toEqual(before);
    expect(box.entries()).toEqual(["config.yaml"]);
  });

  it("on a large file edited by source ranges too", () => {
    const box = written(manyBlocks(1500).replace("# end\n", `${slackBlock()}# end\n`));
    const before = fileState(box);
    expect(box.run(...UPDATE)).toEqual({ code: 0, stdout: "slack in config.yaml is already up to date; nothing written\n", stderr: "" });
    expect(fileState(box)).toEqual(before);
  });

  it("a block holding the same values in another spelling is left as written", () => {
    const box = written(REFERENCE_CONFIG + slackBlock().replace('prefix: "Bearer "', "prefix: 'Bearer '").replace("in_rate_limit: 50", "in_rate_limit: 0x32"));
    const before = fileState(box);
    expect(box.run(...UPDATE)).toEqual({ code: 0, stdout: "slack in config.yaml is already up to date; nothing written\n", stderr: "" });
    expect(fileState(box)).toEqual(before);
  });

  it("a value that does change is written", () => {
    const box = written(REFERENCE_CONFIG + slackBlock());
    const before = fileState(box);
    expect(box.run(...UPDATE, "--rate-limit-window", "30s").stdout).toMatch(/^updated slack in config\.yaml \(lines \d+–\d+\)\n$/);
    expect(fileState(box).mtimeMs).not.toBe(before.mtimeMs);
    expect(box.text()).toContain("    rate_limit_window: 30s\n");
  });
});
