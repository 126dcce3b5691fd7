// Issue 17, "Edits that move only what they must", through the built CLI: an update keeps each
// unchanged value as written (spelling, quotes, flow style, comments) and a changed value's line
// comment; a file in the Go tool's 4-space layout gets new lines in that layout. Whole files are
// compared byte for byte, and each is checked against the proxy's schema.
import { describe, expect, it } from "vitest";
import { assertValidConfig, configSandbox, GO_WRITTEN, SLACK_AS_WRITTEN as AS_WRITTEN, SLACK_FLAGS, SLACK_GO, type ConfigSandbox } from "@integrations/test-utils";

const UPDATE = ["update", "slack", "-file", "config.yaml"];

/** Runs `args` in a sandbox holding `original` (checked valid first); expects exit 0 and returns the file after, checked valid. */
function edited(original: string, args: string[]): { after: string; box: ConfigSandbox } {
  assertValidConfig(original);
  const box = configSandbox(original);
  const result = box.run(...args);
  expect(result, result.stderr).toMatchObject({ code: 0, stderr: "" });
  const after = box.text();
  assertValidConfig(after);
  return { after, box };
}

describe("[a value that did not change keeps its spelling; a changed one its line's comment] update", () => {
  it("with the same values, every byte stays: flow lists, single quotes, comments", () => {
    expect(edited(AS_WRITTEN, [...UPDATE, ...SLACK_FLAGS]).after).toBe(AS_WRITTEN);
  });

  it("a new token and rate limit change only those two values; comments, quotes and flow style stay", () => {
    const { after } = edited(AS_WRITTEN, [...UPDATE, "-token", "env:SLACK_BOT", "-signing-secret", "env:SLACK_SIGNING_SECRET", "--in-rate-limit", "20"]);
    const expected = AS_WRITTEN.replace("in_rate_limit: 50 # shared", "in_rate_limit: 20 # shared").replace('["env:SLACK_TOKEN"] # bot', '["env:SLACK_BOT"] # bot');
    expect(after).toBe(expected);
  });

  it("--dry-run shows just the changed line, and writes nothing", () => {
    const box = configSandbox(AS_WRITTEN);
    const result = box.run(...UPDATE, "--dry-run", "-token", "env:SLACK_TOKEN", "-signing-secret", "env:SLACK_SIGNING_NEXT");
    expect(result.code).toBe(0);
    const changed = result.stdout.split("\n").filter((line) => /^[-+](?![-+]{2} [ab]\/)/.test(line));
    expect(changed).toEqual(["-          secrets: [env:SLACK_SIGNING_SECRET]", "+          secrets: [env:SLACK_SIGNING_NEXT]"]);
    expect(box.text()).toBe(AS_WRITTEN);
  });
});

describe("[a file in the Go tool's 4-space layout gets nested list items at its own indentation]", () => {
  it("the main job appends a block laid out as the Go tool lays it out", () => {
    expect(edited(GO_WRITTEN, ["slack", "-file", "config.yaml", ...SLACK_FLAGS]).after).toBe(GO_WRITTEN + SLACK_GO);
  });

  it("an update adds the missing auth list in that layout, the rest of the block untouched", () => {
    const withoutOutgoing = GO_WRITTEN + SLACK_GO.slice(0, SLACK_GO.indexOf("      outgoing_auth:"));
    expect(edited(withoutOutgoing, [...UPDATE, ...SLACK_FLAGS]).after).toBe(GO_WRITTEN + SLACK_GO);
  });

  it("when the first block has no nested list yet, a list at 4 is taken for the Go tool's layout", () => {
    const bare = "integrations:\n    - name: example\n      destination: http://backend.example.com\n";
    expect(edited(bare, ["slack", "-file", "config.yaml", ...SLACK_FLAGS]).after).toBe(bare + SLACK_GO);
  });
});
