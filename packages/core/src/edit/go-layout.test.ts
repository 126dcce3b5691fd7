// Files in the Go tool's layout (yaml.v3, 4 spaces): a nested collection starts at the next multiple
// of 4 (`- type:` at 8, `params:` at 10, `secrets:` at 12, its `-` at 16). New and updated lines follow it.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { assertValidConfig, GO_WRITTEN, makeTempDir, SLACK_GO, slackGenerated } from "@integrations/test-utils";
import type { Integration } from "../format/schema.js";
import { addIntegration } from "./add.js";
import { updateIntegration } from "./update.js";

const SLACK = slackGenerated();

async function edited(text: string, edit: (file: string) => Promise<unknown>): Promise<string> {
  const file = join(makeTempDir(), "config.yaml");
  writeFileSync(file, text);
  await edit(file);
  const after = readFileSync(file, "utf8");
  assertValidConfig(after);
  return after;
}

describe("a file in the Go tool's 4-space layout", () => {
  it("an added block is laid out as the Go tool lays it out", async () => {
    expect(await edited(GO_WRITTEN, (file) => addIntegration(file, SLACK))).toBe(GO_WRITTEN + SLACK_GO);
  });

  it("so is one added to a file read whole (an anchor takes it past the quick scan)", async () => {
    const text = GO_WRITTEN.replace("destination: http", "destination: &backend http");
    expect(await edited(text, (file) => addIntegration(file, SLACK))).toBe(text + SLACK_GO);
  });

  it("an update adding an auth list and a secret puts them where the Go tool would", async () => {
    const block: Integration = {
      name: "example",
      destination: "http://backend.example.com",
      in_rate_limit: 100,
      incoming_auth: [{ type: "token", params: { header: "X-Auth", secrets: ["env:IN_TOKEN", "env:IN_TOKEN_NEXT"] } }],
      outgoing_auth: [{ type: "token", params: { header: "X-Auth", secrets: ["env:OUT_TOKEN"] } }],
    };
    const after = await edited(GO_WRITTEN, (file) => updateIntegration(file, block));
    expect(after).toBe(
      GO_WRITTEN +
        [
          "                - env:IN_TOKEN_NEXT",
          "      outgoing_auth:",
          "        - type: token",
          "          params:",
          "            header: X-Auth",
          "            secrets:",
          "                - env:OUT_TOKEN",
          "",
        ].join("\n"),
    );
  });

  it("when its first block has no nested collection yet, a list at 4 is taken for the Go tool's layout", async () => {
    const bare = "integrations:\n    - name: example\n      destination: http://backend.example.com\n";
    expect(await edited(bare, (file) => addIntegration(file, SLACK))).toBe(bare + SLACK_GO);
    const updated = await edited(bare, (file) => updateIntegration(file, { ...SLACK, name: "example" }));
    expect(updated).toBe(`integrations:\n${SLACK_GO.replace("- name: slack", "- name: example")}`);
  });
});
