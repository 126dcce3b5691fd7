// A config file too large to be a real one (a 50 MB file, say) is refused by every command that
// reads the config, before it is read: one line naming the file, its size and the limit, exit 1,
// the file untouched, memory bounded.
// The limit is core's MAX_CONFIG_BYTES (16 MiB; packages/core/src/file/io.ts).
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { assertValidConfig, makeTempDir, runCliMeasured, slackItemLines } from "@integrations/test-utils";

const LIMIT = 16 * 1024 * 1024;

/** A slack block as the CLI writes it, named `name`. */
function slackText(name: string): string {
  return `${slackItemLines(name, { token: "env:T", signingSecret: "env:S" }).join("\n")}\n`;
}

/** A valid config of `count` slack blocks s0, s1, …. */
function configOf(count: number): string {
  return `integrations:\n${Array.from({ length: count }, (_, i) => slackText(`s${i}`)).join("")}`;
}

/** The same config grown past `bytes`: as many distinct blocks as it takes. */
function configOver(bytes: number): Buffer {
  const parts = ["integrations:\n"];
  let size = parts[0]!.length;
  for (let i = 0; size <= bytes; i++) {
    const block = slackText(`s${i}`);
    parts.push(block);
    size += block.length;
  }
  return Buffer.from(parts.join(""));
}

const runMeasured = (args: readonly string[], cwd: string) => runCliMeasured(args, { cwd });

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

const FILE_ARGS = ["-file", "config.yaml"];
const COMMANDS: readonly (readonly string[])[] = [
  ["slack", "--name", "added", "-token", "env:T", "-signing-secret", "env:S", ...FILE_ARGS],
  ["update", "slack", "--name", "s1", "-token", "env:T", "-signing-secret", "env:S", "--rate-limit-window", "30s", ...FILE_ARGS],
  ["delete", "s1", ...FILE_ARGS],
  ["validate", ...FILE_ARGS],
  ["list", "--configured", ...FILE_ARGS],
];

describe("a config file over the size limit", () => {
  it("a 50 MB file is refused by add, update, delete, validate and list --configured: one line, exit 1, untouched, memory bounded", () => {
    // The blocks are valid (proved on a sample: parsing all 50 MB here would itself cost gigabytes).
    assertValidConfig(configOf(50));
    const base = makeTempDir();
    const dir = join(base, "work");
    const small = join(base, "small");
    for (const [path, bytes] of [
      [dir, configOver(50 * 1024 * 1024)],
      [small, Buffer.from(configOf(3))],
    ] as const) {
      mkdirSync(path);
      writeFileSync(join(path, "config.yaml"), bytes);
    }
    const file = join(dir, "config.yaml");
    const size = statSync(file).size;
    expect(size).toBeGreaterThan(50 * 1024 * 1024);
    const digest = sha256(readFileSync(file));
    const mtime = statSync(file).mtimeMs;

    // What the same commands peak at on a 3-block file: the CLI's own footprint.
    const baseline = Math.max(...COMMANDS.map((args) => runMeasured(args, small).maxRssKiB));
    const peaks: Record<string, number> = {};
    for (const args of COMMANDS) {
      const result = runMeasured(args, dir);
      const command = args.slice(0, 2).join(" ");
      expect({ command, code: result.code, stdout: result.stdout, stderr: result.stderr }).toEqual({
        command,
        code: 1,
        stdout: "",
        stderr: `error: config.yaml is ${(size / 1024 / 1024).toFixed(1)} MB (${size} bytes), over the 16 MB limit for a config file; check that -file names the right file (10,000 integrations take about 4.4 MB)\n`,
      });
      peaks[command] = result.maxRssKiB;
      // Reading the file whole would add at least its 50 MB to the peak; refusing it adds nothing.
      expect({ command, extraKiB: result.maxRssKiB - baseline < 25 * 1024 }).toEqual({ command, extraKiB: true });
    }
    console.info(`size limit: baseline ${baseline} KiB, peaks on 50 MB ${JSON.stringify(peaks)} KiB`);
    expect(statSync(file).mtimeMs).toBe(mtime);
    expect(sha256(readFileSync(file))).toBe(digest);
    expect(readdirSync(dir)).toEqual(["config.yaml"]); // no lock, no temp file
  }, 120_000);

  it("a file of exactly 16 MiB is read (validate passes); one byte more is refused", () => {
    const dir = makeTempDir();
    const file = join(dir, "config.yaml");
    const head = `${configOf(2)}# `;
    const text = `${head}${"x".repeat(LIMIT - head.length - 1)}\n`;
    assertValidConfig(text);
    writeFileSync(file, text);
    expect(statSync(file).size).toBe(LIMIT);
    const at = runMeasured(["validate", ...FILE_ARGS], dir);
    expect({ code: at.code, stderr: at.stderr, stdout: at.stdout }).toEqual({ code: 0, stderr: "", stdout: "config.yaml is valid (2 integrations)\n" });

    writeFileSync(file, `${text}\n`);
    const over = runMeasured(["validate", ...FILE_ARGS], dir);
    expect(over.code).toBe(1);
    expect(over.stderr).toBe(
      `error: config.yaml is 16.0 MB (${LIMIT + 1} bytes), over the 16 MB limit for a config file; check that -file names the right file (10,000 integrations take about 4.4 MB)\n`,
    );
    expect(readFileSync(file, "utf8")).toBe(`${text}\n`);
  });
});
