// End-to-end tests of how `integrations <integration> [flags]` refuses bad input through the built CLI:
// usage errors (exit 2), unusable values and secrets (exit 1, never echoed), broken YAML (exit 1 with
// file:line:column) and unusable paths. In every case the config file is left exactly as it was, and a
// missing one is not created.
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { assertValidConfig, configSandbox, REFERENCE_CONFIG, SLACK_FLAGS, type CliResult } from "@integrations/test-utils";

const REFERENCE = REFERENCE_CONFIG;
const sandbox = configSandbox;

/** Runs `args` on a copy of the reference config; expects a refusal that leaves the file byte-for-byte as it was. */
function refusedOnReference(...args: string[]): CliResult {
  const box = sandbox(REFERENCE);
  const before = box.bytes();
  const result = box.run(...args);
  expect(result.stdout).toBe("");
  expect(box.bytes().equals(before)).toBe(true);
  expect(box.entries()).toEqual(["config.yaml"]);
  return result;
}

/** Runs `args` in an empty dir; expects a refusal that creates nothing. */
function refusedOnMissingFile(...args: string[]): CliResult {
  const box = sandbox();
  const result = box.run(...args);
  expect(result.stdout).toBe("");
  expect(box.entries()).toEqual([]);
  return result;
}

describe("usage errors (exit 2)", () => {
  it("names every missing required flag in one line", () => {
    for (const result of [refusedOnReference("slack", "-file", "config.yaml"), refusedOnMissingFile("slack", "-file", "config.yaml")]) {
      expect(result.code).toBe(2);
      const line = result.stderr.split("\n").find((l) => l.includes("--token"));
      expect(line).toBeDefined();
      expect(line).toContain("--signing-secret");
      expect(result.stderr).toContain("missing required flags --token, --signing-secret");
    }
  });

  it("a --file without a path says so", () => {
    const result = refusedOnMissingFile("slack", ...SLACK_FLAGS, "--file");
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("error: --file needs a path, e.g. --file config.yaml\n");
  });

  it("github: names both --token and --webhook-secret", () => {
    const result = refusedOnMissingFile("github", "-file", "config.yaml");
    expect(result.code).toBe(2);
    expect(result.stderr.split("\n").some((l) => l.includes("--token") && l.includes("--webhook-secret"))).toBe(true);
  });

  it("names an unknown flag (--tokne)", () => {
    for (const result of [
      refusedOnReference("slack", "-file", "config.yaml", "--tokne", "env:X", "-signing-secret", "env:SLACK_SIGNING_SECRET"),
      refusedOnMissingFile("slack", "-file", "config.yaml", "--tokne", "env:X", "-signing-secret", "env:SLACK_SIGNING_SECRET"),
    ]) {
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("unknown flag --tokne");
    }
  });

  it("an unknown flag next to all required ones still fails", () => {
    const result = refusedOnReference("slack", "-file", "config.yaml", ...SLACK_FLAGS, "--tokne", "env:X");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--tokne");
  });
});

describe("secret flags", () => {
  it("a raw Slack token: exit 1, never echoed, env:SLACK_TOKEN suggested", () => {
    const raw = "xoxb-1234-abcdefghijklmnopqrstu";
    for (const result of [
      refusedOnReference("slack", "-file", "config.yaml", "-token", raw, "-signing-secret", "env:SLACK_SIGNING_SECRET"),
      refusedOnMissingFile("slack", "-file", "config.yaml", "-token", raw, "-signing-secret", "env:SLACK_SIGNING_SECRET"),
    ]) {
      expect(result.code).toBe(1);
      expect(result.stderr).toContain("--token");
      expect(result.stderr).toContain("env:SLACK_TOKEN");
      expect(result.stderr).not.toContain(raw);
      expect(result.stderr).not.toContain("abcdefghijklmnopqrstu");
      expect(result.stdout).not.toContain(raw);
    }
  });

  it("an unknown scheme (envv:X): exit 1, the scheme named", () => {
    const result = refusedOnReference("slack", "-file", "config.yaml", "-token", "envv:X", "-signing-secret", "env:SLACK_SIGNING_SECRET");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("--token");
    expect(result.stderr).toContain('unknown secret reference scheme "envv"');
  });

  it("a k8s reference without #key: exit 1, the k8s syntax named", () => {
    const result = refusedOnReference("slack", "-file", "config.yaml", "-token", "k8s:default/x", "-signing-secret", "env:SLACK_SIGNING_SECRET");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("--token");
    expect(result.stderr).toContain("k8s");
    expect(result.stderr).toContain("NAMESPACE/NAME#KEY");
    expect(result.stderr).not.toContain("default/x"); // a secret flag's value is never echoed (docs/design.md "The command line")
  });

  it("a bad --signing-secret is named as such", () => {
    const result = refusedOnReference("slack", "-file", "config.yaml", "-token", "env:SLACK_TOKEN", "-signing-secret", "k8s:default/x");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("--signing-secret");
  });
});

describe("bad common-flag values", () => {
  it.each([
    ["--rate-limit-window", "1d"],
    ["--destination", "example.com"],
    ["--name", "bad name"],
    ["--in-rate-limit", "ten"],
    ["--rate-limit-strategy", "sliding"],
  ])("%s %j: refused naming the flag, file unchanged", (flag, value) => {
    const result = refusedOnReference("slack", "-file", "config.yaml", ...SLACK_FLAGS, flag, value);
    expect([1, 2]).toContain(result.code);
    expect(result.stderr).toContain(flag);
  });
});

describe("config files that cannot be edited", () => {
  function refusedFile(content: string) {
    const box = sandbox(content);
    const result = box.run("slack", "-file", "config.yaml", ...SLACK_FLAGS);
    expect(result.stdout).toBe("");
    expect(box.bytes().equals(Buffer.from(content))).toBe(true);
    expect(box.entries()).toEqual(["config.yaml"]);
    return result;
  }

  it("malformed YAML: exit 1 with config.yaml:line:column", () => {
    const result = refusedFile("integrations:\n  - name: a\n   bad: [\n");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/config\.yaml:3:\d+/);
  });

  it("a duplicate key: exit 1 at the second key", () => {
    const result = refusedFile("integrations:\n  - name: a\n    destination: https://a.example.com\n    name: b\n");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("config.yaml:4:5");
  });

  it("tabs as indentation: exit 1 naming tabs and the line", () => {
    const result = refusedFile("integrations:\n\t- name: a\n\t  destination: https://a.example.com\n");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/tab/i);
    expect(result.stderr).toMatch(/config\.yaml:2:\d+/);
  });

  it("integrations that is not a list: exit 1", () => {
    const result = refusedFile("integrations:\n  name: a\n  destination: https://a.example.com\n");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("integrations must be a list");
  });

  it.each([
    ["integrations: {}\n", "config.yaml:1: integrations must be a list of integration blocks, not a map; write integrations: [] or list the blocks under it"],
    ["integrations: hello\n", "config.yaml:1: integrations must be a list of integration blocks, not a string; write integrations: [] or list the blocks under it"],
    ["- name: a\n- name: b\n", "config.yaml:1: the top level must be a map with an integrations key, not a list; start the file with integrations: and list the blocks under it"],
    ["[1, 2]\n", "config.yaml:1: the top level must be a map with an integrations key, not a list; start the file with integrations: and list the blocks under it"],
    ["{integrations: []}\n", "config.yaml:1: the top level is a map in flow style ({…}), which edits do not rewrite; write it in block style (integrations: on a line of its own) and run again"],
  ])("%j: add, update and delete say what it is in plain words (a map, a list), as validate does, not yaml's node names nor a missing block", (content, message) => {
    const edits = [
      ["slack", ...SLACK_FLAGS],
      ["update", "--add", "slack", ...SLACK_FLAGS],
      ["update", "slack", ...SLACK_FLAGS],
      ["delete", "slack"],
    ];
    for (const args of edits.map((edit) => [...edit, "-file", "config.yaml"])) {
      const box = sandbox(content);
      const result = box.run(...args);
      expect({ code: result.code, stdout: result.stdout, stderr: result.stderr }, args.join(" ")).toEqual({ code: 1, stdout: "", stderr: `error: ${message}\n` });
      expect(box.bytes().equals(Buffer.from(content))).toBe(true);
      expect(box.entries()).toEqual(["config.yaml"]);
    }
  });

  it("the reference config is itself valid (the fixture the refusals above keep)", () => {
    assertValidConfig(REFERENCE);
  });
});

describe("paths that are not a config file", () => {
  it("a directory: exit 1 with a clear message, nothing created", () => {
    const box = sandbox();
    mkdirSync(join(box.dir, "conf"));
    const result = box.run("slack", "-file", "conf", ...SLACK_FLAGS);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("conf is a directory");
    expect(box.entries()).toEqual(["conf"]);
    expect(readdirSync(join(box.dir, "conf"))).toEqual([]);
  });

  it("a missing parent directory: exit 1 saying the directory does not exist, nothing created", () => {
    const box = sandbox();
    const result = box.run("slack", "-file", join("missing", "config.yaml"), ...SLACK_FLAGS);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("directory missing does not exist");
    expect(result.stderr).not.toContain("locked");
    expect(box.entries()).toEqual([]);
  });

  it("a file where a directory of the path should be: exit 1 naming it, no mkdir advice, nothing created", () => {
    const box = sandbox();
    writeFileSync(join(box.dir, "notes"), "a file\n");
    for (const file of [join("notes", "config.yaml"), join("notes", "deeper", "config.yaml")]) {
      const result = box.run("slack", "-file", file, ...SLACK_FLAGS);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe("");
      expect(result.stderr).toBe(`error: cannot create ${file}: notes is a file, not a directory; choose another path for the config file\n`);
    }
    expect(box.entries()).toEqual(["notes"]);
  });
});
