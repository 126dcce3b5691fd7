// An update moves only what it must: unchanged values keep their spelling, quotes, flow style and
// comments; a changed value keeps its line's comment, and its quotes where the new value allows.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { assertValidConfig, makeTempDir, SLACK_AS_WRITTEN as AS_WRITTEN, slackGenerated } from "@integrations/test-utils";
import type { Integration } from "../format/schema.js";
import { updateIntegration } from "./update.js";

/** The slack plugin's block with `token`, and `changes` made. */
function slack(token = "env:SLACK_TOKEN", changes: Partial<Integration> = {}): Integration {
  return { ...slackGenerated(token), ...changes };
}

/** Writes `text` to a new config file, runs the update, returns what the file then holds (checked valid). */
async function updated(text: string, block: Integration, replace = false): Promise<string> {
  const file = join(makeTempDir(), "config.yaml");
  writeFileSync(file, text);
  await updateIntegration(file, block, { replace });
  const after = readFileSync(file, "utf8");
  assertValidConfig(after);
  return after;
}

describe("an update keeps what did not change", () => {
  it("the same values: every byte stays (flow lists, single quotes, comments)", async () => {
    expect(await updated(AS_WRITTEN, slack())).toBe(AS_WRITTEN);
  });

  it("one changed scalar: only its value changes, the line's comment stays", async () => {
    const after = await updated(AS_WRITTEN, slack("env:SLACK_TOKEN", { in_rate_limit: 20 }));
    expect(after).toBe(AS_WRITTEN.replace("in_rate_limit: 50 #", "in_rate_limit: 20 #"));
  });

  it("a changed entry of a flow list: the list stays flow, the entry keeps its quotes, the line its comment", async () => {
    const after = await updated(AS_WRITTEN, slack("env:SLACK_BOT"));
    expect(after).toBe(AS_WRITTEN.replace('secrets: ["env:SLACK_TOKEN"] # bot token', 'secrets: ["env:SLACK_BOT"] # bot token'));
  });

  it("a changed single-quoted value stays single-quoted", async () => {
    const block = slack();
    block.outgoing_auth![0]!.params!.prefix = "Token ";
    expect(await updated(AS_WRITTEN, block)).toBe(AS_WRITTEN.replace("prefix: 'Bearer '", "prefix: 'Token '"));
  });

  it("a flow list that grows is written as a flow list", async () => {
    const block = slack();
    block.incoming_auth![0]!.params!.secrets = ["env:SLACK_SIGNING_SECRET", "env:SLACK_SIGNING_OLD"];
    expect(await updated(AS_WRITTEN, block)).toBe(AS_WRITTEN.replace("secrets: [env:SLACK_SIGNING_SECRET]", "secrets: [env:SLACK_SIGNING_SECRET, env:SLACK_SIGNING_OLD]"));
  });
});

describe("inside a changed block list", () => {
  const BLOCK_LISTS = [
    "integrations:",
    "  - name: slack",
    "    destination: https://slack.com/api",
    "    outgoing_auth:",
    "      - type: token",
    "        params:",
    "          header: Authorization",
    '          prefix: "Bearer "',
    "          secrets:",
    "            # rotated every 90 days",
    "            - env:SLACK_TOKEN # current",
    "            - env:SLACK_TOKEN_NEXT",
    "",
  ].join("\n");
  const generated = (secrets: string[]): Integration => ({
    name: "slack",
    destination: "https://slack.com/api",
    outgoing_auth: [{ type: "token", params: { header: "Authorization", prefix: "Bearer ", secrets } }],
  });

  it("a changed entry is replaced where it stands; comment lines and end-of-line comments stay", async () => {
    const after = await updated(BLOCK_LISTS, generated(["env:SLACK_BOT", "env:SLACK_TOKEN_NEXT"]));
    expect(after).toBe(BLOCK_LISTS.replace("- env:SLACK_TOKEN # current", "- env:SLACK_BOT # current"));
  });

  it("an entry past the new length goes with its line; a new one goes after the last, at the list's column", async () => {
    expect(await updated(BLOCK_LISTS, generated(["env:SLACK_TOKEN"]))).toBe(BLOCK_LISTS.replace("            - env:SLACK_TOKEN_NEXT\n", ""));
    const grown = await updated(BLOCK_LISTS, generated(["env:SLACK_TOKEN", "env:SLACK_TOKEN_NEXT", "env:SLACK_TOKEN_OLD"]));
    expect(grown).toBe(`${BLOCK_LISTS}            - env:SLACK_TOKEN_OLD\n`);
  });

  it("a new param goes after the param that precedes it in the generated block, the others stay", async () => {
    const text = BLOCK_LISTS.replace('          prefix: "Bearer "\n', "");
    expect(await updated(text, generated(["env:SLACK_TOKEN", "env:SLACK_TOKEN_NEXT"]))).toBe(BLOCK_LISTS);
  });

  it("a new param with none before it in the generated block goes before the first that follows it", async () => {
    const text = BLOCK_LISTS.replace("          header: Authorization\n", "");
    expect(await updated(text, generated(["env:SLACK_TOKEN", "env:SLACK_TOKEN_NEXT"]))).toBe(BLOCK_LISTS);
  });

  it("--replace still re-renders the whole block", async () => {
    const after = await updated(BLOCK_LISTS, generated(["env:SLACK_TOKEN"]), true);
    expect(after).not.toContain("#");
  });
});

describe("the auth lists keep the file's order", () => {
  it("a hand-added entry before the generated one stays first; only the changed secret's line changes", async () => {
    const text = [
      "integrations:",
      "  - name: slack",
      "    destination: https://slack.com/api",
      "    incoming_auth:",
      "      # our own gateway's check, added by hand",
      "      - type: token",
      "        params: {header: X-Internal, secrets: [env:INTERNAL]}",
      "      - type: slack_signature",
      "        params:",
      "          secrets:",
      "            - env:SLACK_SIGNING_SECRET",
      "",
    ].join("\n");
    const block: Integration = {
      name: "slack",
      destination: "https://slack.com/api",
      incoming_auth: [{ type: "slack_signature", params: { secrets: ["env:SLACK_SIGNING_NEXT"] } }],
    };
    expect(await updated(text, block)).toBe(text.replace("- env:SLACK_SIGNING_SECRET\n", "- env:SLACK_SIGNING_NEXT\n"));
  });
});
