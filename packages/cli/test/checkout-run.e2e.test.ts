// Issue 17, "Output that says exactly what happened": the README's way to run the main job from a
// checkout does not echo the command line (pnpm echoes a script's whole line, raw values included,
// unless told to be silent). The command is run as the README gives it, through sh and the real pnpm,
// from a directory inside the checkout (pnpm runs the root script there, with INIT_CWD).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { assertValidConfig, cliEnv, workspacePath } from "@integrations/test-utils";

/** The README's command that runs the main job from a checkout: the last step of its set-up line. */
function documentedCommand(): string {
  const readme = readFileSync(workspacePath("README.md"), "utf8");
  const section = readme.split("\n### Set up a checkout")[1] ?? "";
  const line = /```sh\n(.*)\n```/.exec(section)?.[1] ?? "";
  return line.split(" && ").at(-1)!;
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A fresh directory inside the checkout, removed after the tests. */
function dirInCheckout(): string {
  const dir = mkdtempSync(join(workspacePath(), ".tmp-checkout-run-"));
  dirs.push(dir);
  return dir;
}

const sh = (command: string, cwd: string) => spawnSync("sh", ["-c", command], { cwd, env: cliEnv(), encoding: "utf8" });

describe("pnpm … integrations from a checkout, as the README says", () => {
  it("runs the main job and prints only the CLI's own line: no argument value echoed", () => {
    const command = documentedCommand();
    expect(command).toMatch(/^pnpm .*integrations slack /);
    const cwd = dirInCheckout();
    const result = sh(command, cwd);
    expect({ code: result.status, stdout: result.stdout, stderr: result.stderr }).toEqual({ code: 0, stdout: "added slack to config.yaml (lines 2–19)\n", stderr: "" });
    for (const value of ["env:SLACK_TOKEN", "env:SLACK_SIGNING_SECRET"]) expect(result.stdout + result.stderr).not.toContain(value);
    assertValidConfig(readFileSync(join(cwd, "config.yaml"), "utf8"));
  }, 120_000);

  it("the same line without --silent would echo the values (what the documented way avoids)", () => {
    const command = documentedCommand().replace(/^pnpm --silent /, "pnpm ");
    const result = sh(command, dirInCheckout());
    expect(result.status).toBe(0);
    expect(result.stdout + result.stderr).toContain("-token env:SLACK_TOKEN");
  }, 120_000);
});
