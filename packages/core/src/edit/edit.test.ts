import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../errors.js";
import type { Integration } from "../format/schema.js";
import { deleteIntegration } from "./delete.js";
import { updateIntegration } from "./update.js";

const THREE = [
  "# three integrations",
  "integrations:",
  "  - name: first",
  "    destination: https://first.example.com",
  "    max_idle_conns: 10",
  "",
  "  # the middle one, tuned by hand",
  "  - name: Middle",
  "    destination: https://middle.example.com # old host",
  "    rate_limit_window: 1m",
  "    tls_insecure_skip_verify: true # dev sandbox",
  "    outgoing_auth:",
  "      - type: token",
  "        params:",
  "          header: Authorization",
  "          secrets:",
  "            - env:OLD",
  "  # after the middle one",
  "  - name: last",
  "    destination: 'https://last.example.com'",
  "",
].join("\n");

const middle: Integration = {
  name: "middle",
  destination: "https://middle.example.com",
  rate_limit_window: "1m",
  idle_conn_timeout: "10s",
  outgoing_auth: [{ type: "token", params: { header: "Authorization", prefix: "Bearer ", secrets: ["env:NEW"] } }],
};

function configFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), "integrations-edit-")), "config.yaml");
  writeFileSync(file, text);
  return file;
}

function lines(text: string): string[] {
  return text.split("\n");
}

describe("updateIntegration", () => {
  it("changes only the changed keys' lines of the named block, keeping hand-added keys and comments", async () => {
    const file = configFile(THREE);
    const result = await updateIntegration(file, middle);
    expect(result.action).toBe("updated");
    const expected = lines(THREE);
    // idle_conn_timeout is new: it goes after rate_limit_window (config-format order); outgoing_auth is re-rendered.
    expected.splice(10, 0, "    idle_conn_timeout: 10s");
    expected.splice(15, 3, "          header: Authorization", '          prefix: "Bearer "', "          secrets:", "            - env:NEW");
    expect(readFileSync(file, "utf8")).toBe(expected.join("\n"));
  });

  it("drops hand-added keys with replace, and keeps the name as written", async () => {
    const file = configFile(THREE);
    await updateIntegration(file, { ...middle, name: "MIDDLE" }, { replace: true });
    const text = readFileSync(file, "utf8");
    expect(text).not.toContain("tls_insecure_skip_verify");
    expect(text).toContain("  - name: Middle\n    destination: https://middle.example.com\n    rate_limit_window: 1m\n    idle_conn_timeout: 10s\n");
    expect(text.startsWith(lines(THREE).slice(0, 7).join("\n"))).toBe(true);
    expect(text.endsWith(lines(THREE).slice(17).join("\n"))).toBe(true);
  });

  it("appends when no block has the name, with add", async () => {
    const file = configFile(THREE);
    const result = await updateIntegration(file, { ...middle, name: "fourth" }, { add: true });
    expect(result.action).toBe("added");
    expect(readFileSync(file, "utf8").startsWith(THREE)).toBe(true);
  });

  it("writes nothing with dryRun and returns the text it would write", async () => {
    const file = configFile(THREE);
    const result = await updateIntegration(file, middle, { dryRun: true });
    expect(result.written).toBe(false);
    expect(result.after).toContain("env:NEW");
    expect(readFileSync(file, "utf8")).toBe(THREE);
  });
});

describe("deleteIntegration", () => {
  it("removes only the block's lines, matching the name case-insensitively", async () => {
    const file = configFile(THREE);
    await deleteIntegration(file, "MIDDLE");
    const expected = lines(THREE);
    expected.splice(7, 10);
    expect(readFileSync(file, "utf8")).toBe(expected.join("\n"));
  });

  it("refuses a name that is not there and writes nothing", async () => {
    const file = configFile(THREE);
    await expect(deleteIntegration(file, "nope")).rejects.toThrow(new ConfigError(`no integration named nope in ${file}; it has: first, Middle, last`));
    expect(readFileSync(file, "utf8")).toBe(THREE);
  });

  it("leaves integrations: [] when the last block goes", async () => {
    const file = configFile("integrations: # all of them\n  - name: only\n    destination: https://only.example.com\n# end\n");
    await deleteIntegration(file, "only");
    expect(readFileSync(file, "utf8")).toBe("integrations: [] # all of them\n# end\n");
  });

  it("rewrites a flow-style list without the block", async () => {
    const file = configFile("integrations: [{name: a, destination: 'https://a.example.com'}, {name: b, destination: 'https://b.example.com'}]\n");
    await deleteIntegration(file, "a");
    expect(readFileSync(file, "utf8")).toBe("integrations:\n  - name: b\n    destination: https://b.example.com\n");
  });
});

describe("what an update keeps inside the auth lists", () => {
  const slackish = [
    "integrations:",
    "  - name: slack",
    "    destination: https://slack.com/api",
    "    incoming_auth:",
    "      - type: slack_signature",
    "        params:",
    "          secrets:",
    "            - env:SIGNING",
    "          tolerance: 600 # clock skew",
    "      - type: token",
    "        params: {header: X-Internal, secrets: [env:INTERNAL]}",
    "",
  ].join("\n");
  const generated: Integration = {
    name: "slack",
    destination: "https://slack.com/api",
    incoming_auth: [{ type: "slack_signature", params: { secrets: ["env:NEW_SIGNING"] } }],
  };

  it("keeps hand-added params and hand-added entries of other types", async () => {
    const file = configFile(slackish);
    await updateIntegration(file, generated);
    // Only the changed secret's line changes: the hand-added param keeps its comment, the other entry its flow style.
    expect(readFileSync(file, "utf8")).toBe(slackish.replace("- env:SIGNING", "- env:NEW_SIGNING"));
  });

  it("leaves an unchanged auth list's lines, comments included, alone", async () => {
    const file = configFile(slackish);
    await updateIntegration(file, { ...generated, incoming_auth: [{ type: "slack_signature", params: { secrets: ["env:SIGNING"] } }] });
    expect(readFileSync(file, "utf8")).toBe(slackish);
  });

  it("drops them with replace", async () => {
    const file = configFile(slackish);
    await updateIntegration(file, generated, { replace: true });
    expect(readFileSync(file, "utf8")).not.toMatch(/tolerance|X-Internal/);
  });
});

describe("names that differ only in case", () => {
  const two = "integrations:\n  - name: gitlab\n    destination: https://a.example.com\n  - name: GitLab\n    destination: https://b.example.com\n";

  it("an exact match wins", async () => {
    const file = configFile(two);
    await deleteIntegration(file, "GitLab");
    expect(readFileSync(file, "utf8")).toBe("integrations:\n  - name: gitlab\n    destination: https://a.example.com\n");
  });

  it("a name matching several without an exact match is refused", async () => {
    const file = configFile(two);
    await expect(deleteIntegration(file, "GITLAB")).rejects.toThrow("GITLAB matches several integrations (gitlab, GitLab) that differ only in case; give the exact name");
    expect(readFileSync(file, "utf8")).toBe(two);
  });

  it("a duplicate elsewhere in the file does not block an unrelated edit", async () => {
    const file = configFile(`${two}  - name: other\n    destination: https://c.example.com\n`);
    await deleteIntegration(file, "other");
    expect(readFileSync(file, "utf8")).toBe(two);
  });
});
