import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../errors.js";
import type { Integration } from "../format/schema.js";
import { updateIntegration } from "./update.js";

const SLACK: Integration = {
  name: "slack",
  destination: "https://slack.com/api",
  incoming_auth: [{ type: "slack_signature", params: { secrets: ["env:SLACK_SIGNING_SECRET"] } }],
  outgoing_auth: [{ type: "token", params: { header: "Authorization", prefix: "Bearer ", secrets: ["env:SLACK_TOKEN"] } }],
};
const GITHUB: Integration = {
  name: "github",
  destination: "https://api.github.com",
  incoming_auth: [{ type: "github_signature", params: { secrets: ["env:GITHUB_WEBHOOK_SECRET"] } }],
  outgoing_auth: [{ type: "token", params: { header: "Authorization", prefix: "token ", secrets: ["env:GITHUB_TOKEN"] } }],
};
const GHE: Integration = { ...GITHUB, name: "ghe", destination: "https://ghe.acme.example.com/api/v3" };
const TEXT = `integrations:\n  - name: slack\n    destination: https://slack.com/api\n    incoming_auth:\n      - type: slack_signature\n        params:\n          secrets:\n            - env:S\n  - name: ghe\n    destination: https://ghe.acme.example.com/api/v3\n    incoming_auth:\n      - type: github_signature\n        params:\n          secrets:\n            - env:H\n`;
const KNOWN = ["slack", "github", "ghe", "openai", "linear"];

function configFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), "integrations-update-")), "config.yaml");
  writeFileSync(file, text);
  return file;
}

async function refusal(run: () => Promise<unknown>): Promise<Error> {
  try {
    await run();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a refusal");
}

describe("updateIntegration of a name no block has", () => {
  it("is refused with the closest names, the file untouched", async () => {
    const file = configFile(TEXT);
    const error = await refusal(() => updateIntegration(file, { ...SLACK, name: "slak" }));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe(
      `nothing to update: no block in ${file} is named slak; closest: slack (give the block's name with --name); add --add to append slak as a new block; nothing was written`,
    );
    expect(readFileSync(file, "utf8")).toBe(TEXT);
  });

  it("lists the blocks of a small file when no name is close", async () => {
    const file = configFile(TEXT);
    expect((await refusal(() => updateIntegration(file, { ...SLACK, name: "zendesk" }))).message).toContain(
      `no block in ${file} is named zendesk; its blocks: slack, ghe (give the block's name with --name)`,
    );
  });

  it("says so for a missing file, which stays missing", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "integrations-update-")), "config.yaml");
    expect((await refusal(() => updateIntegration(file, SLACK))).message).toContain(`${file} does not exist; add --add`);
    expect(existsSync(file)).toBe(false);
  });

  it("appends with add", async () => {
    const file = configFile(TEXT);
    expect((await updateIntegration(file, { ...SLACK, name: "slack-2" }, { add: true })).action).toBe("added");
    expect(readFileSync(file, "utf8").startsWith(TEXT)).toBe(true);
  });
});

describe("updateIntegration of another integration's block", () => {
  it("is refused, naming both and the fixes, the file untouched", async () => {
    const file = configFile(TEXT);
    const error = await refusal(() => updateIntegration(file, { ...GITHUB, name: "slack" }, { integration: { name: "github", others: KNOWN } }));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe(
      `integrations[0] (slack) in ${file} is not a block the github plugin writes: it looks like the slack integration's (slack.com, incoming slack_signature), ` +
        "where github writes api.github.com, incoming github_signature, outgoing token Authorization; " +
        "update it with integrations update slack …, or add --replace to overwrite it with github's block; nothing was written",
    );
    expect(readFileSync(file, "utf8")).toBe(TEXT);
  });

  it("is refused by its checks alone when its name is no integration's", async () => {
    const file = configFile(TEXT.replace("name: slack", "name: chat"));
    const error = await refusal(() => updateIntegration(file, { ...GITHUB, name: "chat" }, { integration: { name: "github", others: KNOWN } }));
    expect(error.message).toContain("looks like another integration's (slack.com, incoming slack_signature)");
    expect(error.message).toContain("update it with the plugin that wrote it, or add --replace");
  });

  it("is overwritten with replace", async () => {
    const file = configFile(TEXT);
    const result = await updateIntegration(file, { ...GITHUB, name: "slack" }, { replace: true, integration: { name: "github", others: KNOWN } });
    expect(result.block).toEqual({ ...GITHUB, name: "slack" });
  });

  it("is not what an update by the block's own plugin with a new destination is", async () => {
    const file = configFile(TEXT);
    const moved = { ...GHE, destination: "https://git.acme.example.com/api/v3" };
    expect((await updateIntegration(file, moved, { integration: { name: "ghe", others: KNOWN } })).action).toBe("updated");
    const renamed = configFile(TEXT.replace("name: ghe", "name: corp-git"));
    expect((await updateIntegration(renamed, { ...moved, name: "corp-git" }, { integration: { name: "ghe", others: KNOWN } })).action).toBe("updated");
  });

  it("is one named after another integration even when its checks agree, unless it is the very same block", async () => {
    const file = configFile(TEXT.replace("name: ghe", "name: github"));
    const error = await refusal(() => updateIntegration(file, { ...GHE, name: "github", destination: "https://other.example.com" }, { integration: { name: "ghe", others: KNOWN } }));
    expect(error.message).toContain("looks like the github integration's");
    expect((await updateIntegration(file, { ...GHE, name: "github" }, { integration: { name: "ghe", others: KNOWN } })).action).toBe("updated");
  });

  it("never shows a token prefix from the file, which may hold a credential", async () => {
    const secret = ["sk", "live", "abcdefghijklmnopqrstuvwx"].join("_");
    const file = configFile(
      `integrations:\n  - name: chat\n    destination: https://chat.example.com\n    outgoing_auth:\n      - type: token\n        params:\n          header: Authorization\n          prefix: "${secret} "\n          secrets: [env:T]\n`,
    );
    const error = await refusal(() => updateIntegration(file, { ...SLACK, name: "chat" }, { integration: { name: "slack", others: KNOWN } }));
    expect(error.message).toContain("looks like another integration's (chat.example.com, outgoing token Authorization)");
    expect(error.message).not.toContain(secret);
  });

  it("is told apart from a block without incoming checks by the checks each direction has", async () => {
    const openai = { name: "slack", destination: "https://api.openai.com/v1", outgoing_auth: [{ type: "token", params: { header: "Authorization", prefix: "Bearer ", secrets: ["env:O"] } }] };
    const file = configFile(TEXT.replace("name: slack", "name: chat"));
    const error = await refusal(() => updateIntegration(file, { ...openai, name: "chat" }, { integration: { name: "openai", others: KNOWN } }));
    expect(error.message).toContain("is not a block the openai plugin writes");
  });
});
