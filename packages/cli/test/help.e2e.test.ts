// Issue 17, "Output that says exactly what happened", through the built CLI: `-v` prints the version;
// every subcommand's --help lists the global flags it takes; the examples of every --help are safe to
// paste into a shell (run here through `sh -c`, as a user pastes them). The wording of every help text
// is pinned in packages/cli/test/help-snapshots.e2e.test.ts.
import { execFile, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { assertValidConfig, CLI_LAUNCHER, cliEnv, makeTempDir, runCli, workspacePath } from "@integrations/test-utils";

const run = promisify(execFile);
const help = async (args: string[], cwd: string): Promise<string> => (await run(CLI_LAUNCHER, [...args, "--help"], { cwd, env: cliEnv() })).stdout;

/** The command names in a commander help text's `Commands:` section (without commander's own `help`). */
function commandsIn(text: string): string[] {
  const section = text.split(/\n(?=\S)/).find((block) => block.startsWith("Commands:")) ?? "";
  return [...section.matchAll(/^ {2}([a-z][\w-]*)/gm)].map((m) => m[1]!).filter((name, i, all) => name !== "help" && all.indexOf(name) === i);
}

/** The lines of a help text's `Examples:` block, without their indentation. */
function examplesOf(text: string): string[] {
  const block = text.split("\nExamples:\n")[1] ?? "";
  return block
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
}

/** A help text and what it is for: the root, a command (a word or a plugins subcommand) or an integration. */
interface HelpText {
  name: string;
  kind: "root" | "command" | "integration";
  text: string;
}

/** Every help text: the root's, each command word's, each plugins subcommand's and each integration's. */
async function allHelp(cwd: string): Promise<HelpText[]> {
  const words = commandsIn(await help([], cwd));
  const subcommands = commandsIn(await help(["plugins"], cwd));
  const integrations = (JSON.parse(runCli(["list", "--json"], { cwd }).stdout) as { integration: string }[]).map((r) => r.integration);
  const runs: [HelpText["kind"], string[]][] = [
    ["root", []],
    ...words.map((w): [HelpText["kind"], string[]] => ["command", [w]]),
    ...subcommands.map((s): [HelpText["kind"], string[]] => ["command", ["plugins", s]]),
    ...integrations.map((i): [HelpText["kind"], string[]] => ["integration", [i]]),
  ];
  return Promise.all(runs.map(async ([kind, args]) => ({ name: args.join(" ") || "(root)", kind, text: await help(args, cwd) })));
}

/** Runs `line` through `sh -c` in `cwd`, with `integrations` on the PATH as an install puts it. */
function paste(line: string, cwd: string) {
  const bin = join(cwd, ".bin");
  mkdirSync(bin, { recursive: true });
  try {
    symlinkSync(CLI_LAUNCHER, join(bin, "integrations"));
  } catch {
    // already linked by an earlier paste in this directory
  }
  const env = cliEnv({ env: { PATH: `${bin}:${process.env.PATH ?? ""}` } });
  const result = spawnSync("sh", ["-c", line], { cwd, env, encoding: "utf8" });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("-v", () => {
  it("prints the version, as --version and -V do", () => {
    const cwd = makeTempDir();
    const { version } = JSON.parse(readFileSync(workspacePath("packages", "cli", "package.json"), "utf8")) as { version: string };
    for (const flag of ["-v", "-V", "--version"]) expect(runCli([flag], { cwd }), flag).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
    expect(runCli(["--quiet", "-v"], { cwd })).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
  });
});

describe("--help lists the global flags", () => {
  const GLOBAL = ["--file <path>", "--plugin <path|package>", "--no-plugins", "--debug", "--quiet"];

  it("every command word and plugins subcommand, under Global Options", async () => {
    const commands = (await allHelp(makeTempDir())).filter((help) => help.kind === "command");
    expect(commands.map((help) => help.name)).toEqual(expect.arrayContaining(["update", "delete", "list", "validate", "doctor", "plugins install"]));
    for (const { name, text } of commands) {
      const globals = text.split("\nGlobal Options:\n")[1]?.split("\n\n")[0] ?? "";
      for (const flag of GLOBAL) expect(globals, `${name} --help`).toContain(`  ${flag}`);
    }
  }, 120_000);

  it("an integration's, under Host flags, with --json", async () => {
    const text = await help(["slack"], makeTempDir());
    const host = text.split("\nHost flags:\n")[1]?.split("\n\n")[0] ?? "";
    for (const flag of [...GLOBAL, "--json"]) expect(host).toContain(`  ${flag}`);
  });
});

describe("examples safe to paste", () => {
  // `source <(integrations completion bash)` is bash's process substitution, meant as typed.
  it("no example of any --help holds a <placeholder> a shell would read as a redirect", async () => {
    const texts = await allHelp(makeTempDir());
    const unsafe = texts.flatMap(({ name, text }) =>
      examplesOf(text)
        .filter((line) => /<(?!\()/.test(line))
        .map((line) => `${name}: ${line}`),
    );
    expect(unsafe).toEqual([]);
  }, 120_000);

  it("every integration's examples run as pasted into sh: the add writes a valid file, the update's dry run succeeds", async () => {
    const texts = (await allHelp(makeTempDir())).filter((help) => help.kind === "integration");
    expect(texts.length).toBe(21);
    for (const { name, text } of texts) {
      const [add, update] = examplesOf(text);
      const cwd = makeTempDir();
      expect(paste(add!, cwd), `${name}: ${add}`).toMatchObject({ code: 0, stderr: expect.not.stringContaining("error") });
      assertValidConfig(readFileSync(join(cwd, "config.yaml"), "utf8"));
      expect(paste(update!, cwd), `${name}: ${update}`).toMatchObject({ code: 0 });
    }
  }, 300_000); // some 60 runs of the CLI
});

describe("one spelling of each variable", () => {
  it("the README's slack commands and slack --help's examples name the same variables", async () => {
    const readme = readFileSync(workspacePath("README.md"), "utf8");
    const variables = (text: string) => [...new Set([...text.matchAll(/env:(SLACK_[A-Z_]+)/g)].map((m) => m[1]!))].sort();
    const fromHelp = variables(examplesOf(await help(["slack"], makeTempDir())).join("\n"));
    expect(fromHelp).toEqual(["SLACK_SIGNING_SECRET", "SLACK_TOKEN"]);
    expect(variables(readme)).toEqual(fromHelp);
    for (const doc of ["docs/config-format.md", "packages/plugin-slack/README.md", "packages/cli/README.md"]) {
      expect(variables(readFileSync(workspacePath(...doc.split("/")), "utf8")), doc).toEqual(fromHelp);
    }
  });
});
