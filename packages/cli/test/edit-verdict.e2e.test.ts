/**
 * End to end: an add or update into a file the proxy will refuse still writes its own valid
 * block, exit 0, and warns once about what the edit's single parse saw (another top-level key, a broken
 * block elsewhere), pointing to `integrations validate` for the full verdict. A block whose destination
 * is not HTTP is written with a warning. The proxy's verdict on each file is written beside it.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { assertValidConfig, configSandbox, makeTempDir, pluginSource, runCli, SLACK_FLAGS, slackBlock, writeProjectPlugin } from "@integrations/test-utils";

const OTHER = "integrations:\n  - name: other\n    destination: https://other.example.com\n    incoming_auth:\n      - type: token\n        params: {header: X-Auth, secrets: [env:IN]}\n";
const POINTER = "; the block itself is valid; run integrations validate -file config.yaml for the full verdict\n";

/** `stderr` is one warning that names `problem` and points to validate. */
function expectOneWarning(stderr: string, problem: string): void {
  const lines = stderr.trimEnd().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^warning: the proxy will refuse config\.yaml: /);
  expect(lines[0]).toContain(problem);
  expect(stderr.endsWith(POINTER)).toBe(true);
}

/** The slack block as written is valid on its own (published schema and our rules). */
const assertSlackBlockValid = () => assertValidConfig(`integrations:\n${slackBlock()}`);

describe("an edit into a file the proxy will refuse", () => {
  it.each([
    ["an add", "another top-level key", "refuses: field listen not found in type main.Config", `listen: ":8080"\n${OTHER}`, 'unknown key "listen"'],
    [
      "an add",
      "a broken block elsewhere",
      "refuses: integration other has invalid destination",
      OTHER.replace("https://other.example.com", "other.example.com"),
      'integrations[0].destination: "other.example.com" has no scheme',
    ],
  ])("%s into a file with %s writes its block, exit 0, one warning (proxy: %s)", (_what, _case, _proxy, text, problem) => {
    const box = configSandbox(text);
    const result = box.run("slack", ...SLACK_FLAGS);
    expect(result.code).toBe(0);
    expect(box.text()).toBe(text + slackBlock());
    assertSlackBlockValid();
    expectOneWarning(result.stderr, problem);
    expect(box.run("validate").code, "validate gives the full verdict").toBe(1);
  });

  it("an update there does the same (proxy: refuses: field listen not found in type main.Config)", () => {
    const text = `${OTHER}${slackBlock()}listen: ":8080"\n`;
    const box = configSandbox(text);
    const result = box.run("update", "slack", "-token", "env:SLACK_TOKEN_2", "-signing-secret", "env:SLACK_SIGNING_SECRET");
    expect(result.code).toBe(0);
    expect(box.text()).toBe(text.replace("- env:SLACK_TOKEN\n", "- env:SLACK_TOKEN_2\n"));
    expectOneWarning(result.stderr, 'unknown key "listen"');
  });

  it("says nothing about a file the proxy accepts (proxy: accepts)", () => {
    const box = configSandbox(OTHER);
    const result = box.run("slack", ...SLACK_FLAGS);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    assertValidConfig(box.text());
  });

  it("in a large file (edited by source ranges, its blocks not all parsed) warns about a top-level key (proxy: refuses: field listen not found)", () => {
    const blocks = Array.from(
      { length: 600 },
      (_, i) => `  - name: svc${i}\n    destination: https://svc${i}.example.com\n    incoming_auth:\n      - type: token\n        params: {header: X-Auth, secrets: [env:IN]}\n`,
    ).join("");
    const text = `listen: ":8080"\nintegrations:\n${blocks}`;
    expect(text.length).toBeGreaterThan(64 * 1024);
    const box = configSandbox(text);
    const result = box.run("slack", ...SLACK_FLAGS);
    expect(result.code).toBe(0);
    expect(box.text()).toBe(text + slackBlock());
    expect(result.stderr).toBe(`warning: the proxy will refuse config.yaml: top-level key "listen": the proxy allows only integrations${POINTER}`);
  });
});

describe("a block with a non-HTTP destination", () => {
  it("from --destination is written with a warning (proxy: accepts ftp://; every request then fails)", () => {
    const box = configSandbox("integrations: []\n");
    const result = box.run("slack", ...SLACK_FLAGS, "--destination", "ftp://files.example.com");
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      'warning: integration slack: destination "ftp://files.example.com" uses the scheme ftp: the proxy accepts it, but it forwards HTTP requests only and every request to it fails; write https://files.example.com if the API speaks HTTPS\n',
    );
    expect(box.text()).toContain("    destination: ftp://files.example.com\n");
  });

  it("a mailto: --destination is refused with a hint that is itself a valid destination (proxy: refuses: invalid destination)", () => {
    const box = configSandbox("integrations: []\n");
    const result = box.run("slack", ...SLACK_FLAGS, "--destination", "mailto:ops@example.com");
    expect(result).toMatchObject({ code: 1, stdout: "" });
    expect(result.stderr).toBe(
      'error: --destination: "mailto:…@example.com" has no host: a destination is the http(s) URL of the API the proxy forwards requests to; write e.g. https://api.example.com\n',
    );
    expect(box.text()).toBe("integrations: []\n");
    expect(box.run("slack", ...SLACK_FLAGS, "--destination", "https://api.example.com").code, "the suggested form is accepted").toBe(0);
  });

  it("is written with a warning (proxy: accepts ftp://; every request then fails)", () => {
    const root = makeTempDir({ "package.json": JSON.stringify({ name: "p", private: true }) });
    writeProjectPlugin(root, "filedrop", pluginSource({ name: "filedrop", destination: "ftp://files.example.com", signingSecret: true }));
    writeFileSync(join(root, "config.yaml"), "integrations: []\n");
    const result = runCli(["filedrop", "-token", "env:T", "-signing-secret", "env:S"], { cwd: root });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      'warning: integration filedrop: destination "ftp://files.example.com" uses the scheme ftp: the proxy accepts it, but it forwards HTTP requests only and every request to it fails; write https://files.example.com if the API speaks HTTPS\n',
    );
  });
});
