/**
 * End to end: an error that is not one of the CLI's own (our bug: a state the code never expected)
 * prints one line asking for a report at the issue tracker of the CLI's package.json, with `--debug`
 * for the stack, and exits 1; `--debug` adds the stack. The config file is left as it was.
 *
 * The unexpected state comes from a plugin whose block changes after the host validated it: a
 * getter that throws once `build` has returned (after its microtask), when the host writes the block.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeTempDir, runCli, slackBlock, trustPlugins, workspacePath, writeProjectPlugin } from "@integrations/test-utils";

const BUGS_URL = (JSON.parse(readFileSync(workspacePath("packages", "cli", "package.json"), "utf8")) as { bugs: { url: string } }).bugs.url;

const CHANGING_PLUGIN = `export default {
  apiVersion: 1, name: "changing", description: "a block that changes after build", flags: {},
  build: () => {
    let building = true;
    queueMicrotask(() => (building = false));
    const params = {
      secrets: ["env:A"],
      get header() {
        if (!building) throw new Error("header read after build returned");
        return "Authorization";
      },
    };
    return { name: "changing", destination: "https://example.com", outgoing_auth: [{ type: "token", params }] };
  },
};
`;

function project() {
  const config = `integrations:\n${slackBlock()}`;
  const root = makeTempDir({ "package.json": JSON.stringify({ name: "p", private: true }), "config.yaml": config });
  writeProjectPlugin(root, "changing", CHANGING_PLUGIN);
  // In process: a sandboxed plugin's block crosses as JSON, read once, so a getter cannot change it later.
  trustPlugins(root, ["integrations-plugin-changing"]);
  return { root, config, run: (args: string[]) => runCli(args, { cwd: root }) };
}

describe("an internal error", () => {
  it("prints one line asking for a report, without a stack, and exits 1", () => {
    const p = project();
    const result = p.run(["changing", "-file", "config.yaml"]);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      `error: unexpected failure: header read after build returned; this is a bug in integrations: please report it at ${BUGS_URL} with the output of the same command run with --debug (it adds the stack trace)\n`,
    );
    expect(readFileSync(join(p.root, "config.yaml"), "utf8")).toBe(p.config);
  });

  it("adds the stack with --debug", () => {
    const p = project();
    const result = p.run(["changing", "-file", "config.yaml", "--debug"]);
    expect(result.code, result.stderr).toBe(1);
    const [line, ...stack] = result.stderr.trimEnd().split("\n");
    expect(line).toMatch(/^error: unexpected failure: header read after build returned; this is a bug in integrations: please report it at /);
    expect(stack[0]).toBe("Error: header read after build returned");
    expect(stack.some((frame) => /^\s+at .*get header/.test(frame))).toBe(true);
  });

  it("is an error object with --json, with the same exit code", () => {
    const p = project();
    const result = p.run(["changing", "-file", "config.yaml", "--json"]);
    expect(result.code, result.stderr).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({ status: "error", exitCode: 1, error: "header read after build returned" });
  });
});
