// Any file under the 16 MiB size limit is handled, or refused with one line naming the node limit, in
// bounded memory, by add, update, delete, validate and list --configured. A dense flow list
// (`integrations: [{},{},…]`) costs far more per node than per byte: parsed whole, it can run for minutes
// and exhaust V8's heap; a block-style file near 16 MiB must still be handled. Each run goes through
// the launcher under /usr/bin/time, which reports the process's peak resident set size (the launcher
// execs node, so it is node's own).
import { createHash } from "node:crypto";
import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { assertValidConfig, configSandbox, makeTempDir, runCliMeasured, slackItemLines } from "@integrations/test-utils";

const PEAK_LIMIT_KIB = 512 * 1024;

const REFUSAL =
  "error: config.yaml has more than 50,000 YAML nodes outside a plain block list (the limit is 50,000): write integrations: as a block list (- name: …) without anchors, aliases, tags or multi-line values, or split the file\n";

const FILE_ARGS = ["-file", "config.yaml"];
const TOKENS = ["-token", "env:T", "-signing-secret", "env:S"];
/** The five commands, each acting on the integration named `name`. */
const commands = (name: string): [string, string[]][] => [
  ["add", ["slack", "--name", "added", ...TOKENS, ...FILE_ARGS]],
  ["update", ["update", "slack", "--name", name, ...TOKENS, "--rate-limit-window", "30s", ...FILE_ARGS]],
  ["delete", ["delete", name, ...FILE_ARGS]],
  ["validate", ["validate", ...FILE_ARGS]],
  ["list --configured", ["list", "--configured", ...FILE_ARGS]],
];

const runMeasured = (args: readonly string[], cwd: string) => runCliMeasured(args, { cwd });

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

/** `integrations: [{},{},…]` on one line, `bytes` long. */
function denseFlow(bytes: number): string {
  const head = "integrations: [";
  return `${head}${Array(Math.floor((bytes - head.length - 2) / 3))
    .fill("{}")
    .join(",")}]\n`;
}

/** One valid slack block in flow style, named `name`. */
const flowBlock = (name: string) =>
  `{name: ${name}, destination: "https://slack.com/api", incoming_auth: [{type: slack_signature, params: {secrets: ["env:S"]}}], outgoing_auth: [{type: token, params: {header: Authorization, secrets: ["env:T"]}}]}`;

/** A one-line flow list of `count` valid blocks s0, s1, …. */
const flowList = (count: number) => `integrations: [${Array.from({ length: count }, (_, i) => flowBlock(`s${i}`)).join(", ")}]\n`;

describe("a dense flow list under the size limit", () => {
  const MB = 1_000_000;
  const cases: [string, string][] = [
    ["1 MB of {}", denseFlow(MB)],
    ["3 MB of {}", denseFlow(3 * MB)],
    ["15 MB of {}", denseFlow(15 * MB)],
    ["15.5 MB of valid blocks on one line", flowList(Math.ceil((15.5 * MB) / (flowBlock("s00000").length + 2)))],
  ];

  it.each(cases)(
    "%s: every command refuses it in one line naming the node limit, exit 1, untouched, under 512 MB",
    (_, text) => {
      const box = configSandbox(text);
      const digest = sha256(box.bytes());
      const peaks: Record<string, number> = {};
      for (const [command, args] of commands("s1")) {
        const result = runMeasured(args, box.dir);
        expect({ command, code: result.code, stdout: result.stdout, stderr: result.stderr }).toEqual({ command, code: 1, stdout: "", stderr: REFUSAL });
        expect({ command, underLimit: result.maxRssKiB < PEAK_LIMIT_KIB }).toEqual({ command, underLimit: true });
        peaks[command] = result.maxRssKiB;
      }
      console.info(`${_}: peak RSS ${JSON.stringify(peaks)} KiB`);
      expect(sha256(box.bytes())).toBe(digest);
      expect(box.entries()).toEqual(["config.yaml"]);
    },
    120_000,
  );

  it("a flow list just under the limit (1,500 valid blocks) is read and edited by every command, under 512 MB", () => {
    const text = flowList(1_500);
    assertValidConfig(text);
    for (const [command, args] of commands("s1")) {
      const box = configSandbox(text);
      const result = runMeasured(args, box.dir);
      expect({ command, code: result.code, stderr: result.stderr }).toEqual({ command, code: 0, stderr: "" });
      expect({ command, underLimit: result.maxRssKiB < PEAK_LIMIT_KIB }).toEqual({ command, underLimit: true });
      if (command === "validate") expect(result.stdout).toBe("config.yaml is valid (1500 integrations)\n");
      if (command === "list --configured") expect(result.stdout.trimEnd().split("\n")).toHaveLength(1_501);
      if (["add", "update", "delete"].includes(command)) assertValidConfig(box.text());
    }
  }, 120_000);
});

describe("a block-style file near the size limit, as the CLI writes it", () => {
  // 40,000 slack blocks: ~16.5 MB, under the 16 MiB limit.
  const COUNT = 40_000;
  const block = (name: string) => `${slackItemLines(name, { token: "env:T", signingSecret: "env:S" }).join("\n")}\n`;
  const blocks = Array.from({ length: COUNT }, (_, i) => block(`s${i}`));
  const text = `integrations:\n${blocks.join("")}`;

  it("is handled by every command, exactly, under 512 MB", () => {
    expect(Buffer.byteLength(text)).toBeGreaterThan(16_000_000);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(16 * 1024 * 1024);
    // The blocks are valid (proved on a sample: a whole parse of 16 MB would itself need gigabytes).
    assertValidConfig(`integrations:\n${blocks.slice(0, 3).join("")}`);
    const size = slackItemLines().length;
    const expected: Record<string, { stdout: (out: string) => void; after?: string }> = {
      add: { stdout: (out) => expect(out).toBe(`added added to config.yaml (lines ${2 + COUNT * size}–${1 + (COUNT + 1) * size})\n`), after: text + block("added") },
      update: {
        stdout: (out) => expect(out).toBe(`updated s1 in config.yaml (lines ${2 + size}–${1 + 2 * size})\n`),
        after: `integrations:\n${blocks[0]}${`${slackItemLines("s1", { token: "env:T", signingSecret: "env:S" }, "30s").join("\n")}\n`}${blocks.slice(2).join("")}`,
      },
      delete: { stdout: (out) => expect(out).toBe("deleted s1 from config.yaml\n"), after: `integrations:\n${blocks[0]}${blocks.slice(2).join("")}` },
      validate: { stdout: (out) => expect(out).toBe(`config.yaml is valid (${COUNT} integrations)\n`) },
      "list --configured": { stdout: (out) => expect(out.split("\n").slice(0, 3)).toEqual(["NAME    DESTINATION", "s0      https://slack.com/api", "s1      https://slack.com/api"]) },
    };
    const peaks: Record<string, number> = {};
    for (const [command, args] of commands("s1")) {
      const box = configSandbox(text);
      const result = runMeasured(args, box.dir);
      expect({ command, code: result.code, stderr: result.stderr }).toEqual({ command, code: 0, stderr: "" });
      expected[command]!.stdout(result.stdout);
      const after = box.text();
      expect({ command, same: after === (expected[command]!.after ?? text) }).toEqual({ command, same: true });
      expect({ command, underLimit: result.maxRssKiB < PEAK_LIMIT_KIB }).toEqual({ command, underLimit: true });
      peaks[command] = result.maxRssKiB;
      if (command === "update") assertValidConfig(`integrations:\n${after.slice(after.indexOf("  - name: s1\n"), after.indexOf("  - name: s2\n"))}`);
      expect(readdirSync(box.dir)).toEqual(["config.yaml"]);
    }
    console.info(`block style, ${COUNT} integrations: peak RSS ${JSON.stringify(peaks)} KiB`);
  }, 300_000);
});

describe("the node limit is counted outside the block list only", () => {
  it("a block list followed by a document of a dense flow list: validate, which parses that part whole, refuses it", () => {
    const dir = makeTempDir();
    const head = `integrations:\n${Array.from({ length: 200 }, (_, i) => `${slackItemLines(`s${i}`).join("\n")}\n`).join("")}`;
    writeFileSync(join(dir, "config.yaml"), `${head}---\n${denseFlow(300_000)}`);
    expect(runMeasured(["validate", ...FILE_ARGS], dir)).toMatchObject({ code: 1, stdout: "", stderr: REFUSAL });
  });
});
