// End-to-end tests of how `integrations slack …` edits an existing config.yaml through the built CLI
// (docs/design.md "Editing `config.yaml`"): every byte outside the added block stays where it was (comments, blank lines,
// quoting, anchors and merge keys, unknown-to-the-tool fields, CRLF, BOM, other documents), the new
// block follows the file's own indentation, and only an empty or flow-style list is rewritten.

import { describe, expect, it } from "vitest";
import { assertValidConfig, configSandbox, SLACK_FLAGS, slackBlock, parseAllDocuments } from "@integrations/test-utils";

/** Writes `original` as config.yaml in a temp dir, runs the README's slack command, and returns the new text. */
function addSlack(original: string | Buffer): { after: string; bytes: Buffer } {
  const box = configSandbox(original);
  const result = box.run("slack", "-file", "config.yaml", ...SLACK_FLAGS);
  // Where the block lands is each test's business; the exact lines are proved in add.e2e.test.ts.
  expect(result).toEqual({ code: 0, stdout: expect.stringMatching(/^added slack to config\.yaml \(lines \d+–\d+\)\n$/), stderr: "" });
  return { after: box.text(), bytes: box.bytes() };
}

const SLACK_BLOCK = slackBlock();

/** The `integrations` list of the first document, merge keys applied (as the proxy reads it). */
function integrationsOf(text: string): Record<string, unknown>[] {
  const [first] = parseAllDocuments(text, { merge: true });
  return (first!.toJS() as { integrations: Record<string, unknown>[] }).integrations;
}

describe("every original byte stays", () => {
  it("comments, blank lines, single quotes, an anchor, a merge key and hand-written fields", () => {
    const head = [
      "# AuthTranslator proxy config",
      "# edited by hand and by integrations",
      "",
      "integrations:  # the proxied services",
      "  # alpha carries the settings beta shares",
      "  - &base",
      "    name: 'alpha'  # single-quoted on purpose",
      "    destination: 'https://alpha.example.com'",
      "    rate_limit_window: &win 2m",
      "    max_idle_conns: 10",
      "    incoming_auth:",
      "      - type: token",
      "        params:",
      "          header: X-Auth",
      "          secrets:",
      "            - env:ALPHA_IN",
      "",
      "  # beta has no destination of its own: it comes through the merge key",
      "  - <<: *base",
      "    name: beta",
      "    rate_limit_window: *win",
      "    max_idle_conns_per_host: 2",
      "",
    ].join("\n");
    const tail = "  # new integrations go above this line\n\n# end of file\n";
    const original = head + tail;
    assertValidConfig(original);
    expect(integrationsOf(original)[1]).toMatchObject({ name: "beta", destination: "https://alpha.example.com", rate_limit_window: "2m" });

    const { after } = addSlack(original);
    // The block lands right after beta's last line: the blank line and comments after it follow the block.
    const at = original.indexOf("    max_idle_conns_per_host: 2\n") + "    max_idle_conns_per_host: 2\n".length;
    expect(after).toBe(original.slice(0, at) + SLACK_BLOCK + original.slice(at));
    assertValidConfig(after);
    const list = integrationsOf(after);
    expect(list.map((item) => item.name)).toEqual(["alpha", "beta", "slack"]);
    expect(list[1]).toMatchObject({ destination: "https://alpha.example.com", max_idle_conns: 10 });
  });

  it("an anchored params mapping merged into a later item, the list last in the file", () => {
    const original = [
      "integrations:",
      "  - name: a",
      "    destination: https://a.example.com",
      "    outgoing_auth:",
      "      - type: token",
      "        params: &shared",
      "          header: X-Auth",
      "          secrets: [env:A_OUT]",
      "  - name: b",
      "    destination: https://b.example.com  # inline comment",
      "    outgoing_auth:",
      "      - type: token",
      "        params:",
      "          <<: *shared",
      "          prefix: 'Bearer '",
      "",
    ].join("\n");
    assertValidConfig(original);
    const { after } = addSlack(original);
    expect(after.startsWith(original)).toBe(true);
    expect(after.slice(original.length)).toBe(SLACK_BLOCK);
    assertValidConfig(after);
    expect(integrationsOf(after)[1]!.outgoing_auth).toEqual([{ type: "token", params: { header: "X-Auth", secrets: ["env:A_OUT"], prefix: "Bearer " } }]);
  });

  it("a file without a trailing newline gets one before the block", () => {
    const original = "integrations:\n  - name: a\n    destination: https://a.example.com  # no newline after this";
    const { after } = addSlack(original);
    expect(after).toBe(`${original}\n${SLACK_BLOCK}`);
    assertValidConfig(after);
  });

  it("a CRLF file stays CRLF throughout, the old bytes unchanged", () => {
    const original = "# crlf\r\nintegrations:\r\n  - name: a\r\n    destination: https://a.example.com\r\n";
    const { after } = addSlack(original);
    expect(after).toBe(original + slackBlock("\r\n"));
    expect(after.replaceAll("\r\n", "")).not.toContain("\n");
    assertValidConfig(after);
  });

  it("a UTF-8 byte-order mark is kept", () => {
    const original = Buffer.from("\uFEFFintegrations:\n  - name: a\n    destination: https://a.example.com\n", "utf8");
    expect([...original.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const { bytes } = addSlack(original);
    expect(bytes.subarray(0, original.length).equals(original)).toBe(true);
    expect(bytes.subarray(original.length).toString("utf8")).toBe(SLACK_BLOCK);
    assertValidConfig(bytes.toString("utf8").slice(1));
  });

  it("a second document after --- is untouched; the block lands in the first", () => {
    const first = "integrations:\n  - name: a\n    destination: https://a.example.com\n";
    const second = "---\n# a second document\nintegrations:\n  - name: z\n    destination: https://z.example.com\n";
    const { after } = addSlack(first + second);
    expect(after).toBe(first + SLACK_BLOCK + second);
    assertValidConfig(after.slice(0, after.indexOf("---\n")));
    expect(integrationsOf(after).map((item) => item.name)).toEqual(["a", "slack"]);
  });
});

describe("the new block follows the file's indentation", () => {
  it("4-space style gets a 4-space block", () => {
    const original = [
      "integrations:",
      "    - name: x",
      "      destination: https://x.example.com",
      "      incoming_auth:",
      "          - type: token",
      "            params:",
      "                header: X-Auth",
      "                secrets:",
      "                    - env:A",
      "",
    ].join("\n");
    assertValidConfig(original);
    const { after } = addSlack(original);
    expect(after.startsWith(original)).toBe(true);
    expect(after.slice(original.length)).toBe(
      [
        "    - name: slack",
        "      destination: https://slack.com/api",
        "      in_rate_limit: 50",
        "      out_rate_limit: 50",
        "      rate_limit_window: 1m",
        "      idle_conn_timeout: 10s",
        "      incoming_auth:",
        "          - type: slack_signature",
        "            params:",
        "                secrets:",
        "                    - env:SLACK_SIGNING_SECRET",
        "      outgoing_auth:",
        "          - type: token",
        "            params:",
        "                header: Authorization",
        '                prefix: "Bearer "',
        "                secrets:",
        "                    - env:SLACK_TOKEN",
        "",
      ].join("\n"),
    );
    assertValidConfig(after);
  });

  it("an unindented list (`- ` under the key, nested lists too) gets an unindented block", () => {
    const original = ["integrations:", "- name: a", "  destination: https://a.example.com", "  outgoing_auth:", "  - type: passthrough", "    params: {}", ""].join("\n");
    assertValidConfig(original);
    const { after } = addSlack(original);
    expect(after.startsWith(original)).toBe(true);
    expect(after.slice(original.length)).toBe(
      [
        "- name: slack",
        "  destination: https://slack.com/api",
        "  in_rate_limit: 50",
        "  out_rate_limit: 50",
        "  rate_limit_window: 1m",
        "  idle_conn_timeout: 10s",
        "  incoming_auth:",
        "  - type: slack_signature",
        "    params:",
        "      secrets:",
        "      - env:SLACK_SIGNING_SECRET",
        "  outgoing_auth:",
        "  - type: token",
        "    params:",
        "      header: Authorization",
        '      prefix: "Bearer "',
        "      secrets:",
        "      - env:SLACK_TOKEN",
        "",
      ].join("\n"),
    );
    assertValidConfig(after);
  });
});

describe("an empty or flow-style integrations value is rewritten as a block list", () => {
  it.each(["integrations:", "integrations: ~", "integrations: null", "integrations: []"])("%s", (line) => {
    const original = `# top comment\n${line}\n# bottom comment\n`;
    const { after } = addSlack(original);
    expect(after).toBe(`# top comment\nintegrations:\n${SLACK_BLOCK}# bottom comment\n`);
    assertValidConfig(after);
  });

  it("a flow list with an item: rewritten, the item kept, the lines around untouched", () => {
    const original = "# top comment\nintegrations: [{name: a, destination: 'https://a.example.com'}]\n# bottom comment\n";
    assertValidConfig(original);
    const { after } = addSlack(original);
    expect(after.startsWith("# top comment\nintegrations:\n  - ")).toBe(true);
    expect(after.endsWith(`${SLACK_BLOCK}# bottom comment\n`)).toBe(true);
    assertValidConfig(after);
    const list = integrationsOf(after);
    expect(list).toHaveLength(2);
    expect(list[0]).toEqual({ name: "a", destination: "https://a.example.com" });
    expect(list[1]!.name).toBe("slack");
    // Block style, not flow style, from here on.
    expect(after).not.toContain("[{");
  });
});
