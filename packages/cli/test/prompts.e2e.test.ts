// End-to-end tests of the interactive prompts in a real terminal: tmux runs the
// built CLI in a detached session (node-pty cannot be built here), `send-keys` answers and
// `capture-pane` reads the screen. Without a terminal, with CI=true or with --no-input, the missing
// flags are an exit-2 usage error as before.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, describe, expect, it } from "vitest";
import { assertValidConfig, CLI_LAUNCHER, cliEnv, configSandbox, makeTempDir, parseYaml, REFERENCE_CONFIG } from "@integrations/test-utils";

/** One tmux server for this file, on its own socket, so a user's sessions are never touched. */
const SOCKET = `integrations-prompts-${process.pid}`;
let sessions = 0;

function tmux(...args: string[]): string {
  const result = spawnSync("tmux", ["-L", SOCKET, "-f", "/dev/null", ...args], { encoding: "utf8", env: cliEnv({ env: { CI: undefined } }) });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`tmux ${args[0]} failed: ${result.stderr}`);
  return result.stdout;
}

afterAll(() => {
  if (sessions === 0) return;
  const socket = tmux("display-message", "-p", "#{socket_path}").trim();
  spawnSync("tmux", ["-L", SOCKET, "kill-server"]);
  rmSync(socket, { force: true }); // tmux leaves the socket file of a killed server behind
});

const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/** A terminal 200×50 running the built CLI with `args` in `cwd`; after the CLI exits the pane shows `[exit N]`. */
function terminal(cwd: string, args: readonly string[], env: Record<string, string> = {}) {
  const name = `s${++sessions}`;
  const assignments = Object.entries(env).map(([key, value]) => `${key}=${quote(value)}`);
  // CI is unset for the CLI (cliEnv sets CI=true for runCli); the rest of runCli's isolation stays.
  const command = ["env", "-u", "CI", ...assignments, quote(CLI_LAUNCHER), ...args.map(quote)].join(" ");
  tmux("new-session", "-d", "-s", name, "-x", "200", "-y", "50", "-c", cwd, `${command}; echo "[exit $?]"; sleep 600`);
  const screen = () => tmux("capture-pane", "-p", "-J", "-t", name);
  return {
    screen,
    /** Sends keys (tmux key names such as Enter and Down, or literal text with `literal`). */
    keys: (...keys: string[]) => void tmux("send-keys", "-t", name, ...keys),
    type: (text: string) => void tmux("send-keys", "-t", name, "-l", text),
    /**
     * Waits until the screen contains `text`, and returns the screen. Bounded (1,200 polls, 100 ms
     * apart) only against a prompt that never comes: a loaded machine, with other test files beside
     * this one, may take many seconds to start the CLI in the terminal.
     */
    async waitFor(text: string): Promise<string> {
      for (let i = 0; i < 1_200; i++) {
        const shown = screen();
        if (shown.includes(text)) return shown;
        await sleep(100);
      }
      throw new Error(`the terminal never showed ${JSON.stringify(text)}; it shows:\n${screen()}`);
    },
  };
}

describe("on a terminal, missing required flags are asked for", () => {
  it("integrations slack -file config.yaml: asks for the token and the signing secret (scheme, then id), shows the block, writes it on yes", async () => {
    const dir = makeTempDir();
    const term = terminal(dir, ["slack", "-file", "config.yaml"]);

    await term.waitFor("--token: secret reference for the bot token");
    await term.waitFor("Which secret reference scheme?");
    term.keys("Enter"); // env, the first scheme
    await term.waitFor("--token: env id");
    term.type("SLACK_BOT");
    term.keys("Enter");

    await term.waitFor("--signing-secret: secret reference for the app's signing secret");
    term.keys("Down", "Down", "Enter"); // env, file, vault
    await term.waitFor("--signing-secret: vault id");
    term.type("secret/data/slack-signing");
    term.keys("Enter");

    const preview = await term.waitFor("Write this to config.yaml?");
    expect(preview).toContain("- name: slack");
    expect(preview).toContain("- env:SLACK_BOT");
    expect(preview).toContain("- vault:secret/data/slack-signing");
    expect(existsSync(join(dir, "config.yaml"))).toBe(false); // nothing written before the yes
    term.keys("Enter"); // Yes is the default

    const end = await term.waitFor("[exit ");
    expect(end).toContain("added slack to config.yaml (lines 2–19)");
    expect(end).toContain("[exit 0]");
    const text = readFileSync(join(dir, "config.yaml"), "utf8");
    assertValidConfig(text);
    const [block] = (parseYaml(text) as { integrations: Record<string, any>[] }).integrations;
    expect(block!.name).toBe("slack");
    expect(block!.outgoing_auth[0].params.secrets).toEqual(["env:SLACK_BOT"]);
    expect(block!.incoming_auth[0]).toMatchObject({ type: "slack_signature", params: { secrets: ["vault:secret/data/slack-signing"] } });
  });

  it("refuses an id that is not valid for its scheme and asks again; Enter takes the suggested env variable", async () => {
    const dir = makeTempDir();
    const term = terminal(dir, ["slack", "-file", "config.yaml", "-signing-secret", "env:SLACK_SIGNING_SECRET"]);
    await term.waitFor("--token: secret reference for the bot token");
    term.keys("Enter");
    await term.waitFor("(Enter for SLACK_TOKEN)");
    term.type("xoxb-123456789012-abcdefghijklmnop");
    term.keys("Enter");
    const refused = await term.waitFor("invalid env reference");
    expect(refused).not.toContain("--signing-secret:"); // the flag that was given is not asked for
    term.keys("C-u", "Enter");
    await term.waitFor("Write this to config.yaml?");
    term.keys("Enter");
    expect(await term.waitFor("[exit ")).toContain("[exit 0]");
    const text = readFileSync(join(dir, "config.yaml"), "utf8");
    assertValidConfig(text);
    expect(text).toContain("- env:SLACK_TOKEN");
    expect(text).toContain("- env:SLACK_SIGNING_SECRET");
    expect(text).not.toContain("xoxb-");
  });

  it("no at the confirmation: exit 1 and the file is left byte for byte", async () => {
    const box = configSandbox(REFERENCE_CONFIG);
    const before = box.bytes();
    const term = terminal(box.dir, ["slack", "-file", "config.yaml", "-token", "env:SLACK_TOKEN"]);
    await term.waitFor("--signing-secret: secret reference");
    term.keys("Enter");
    await term.waitFor("--signing-secret: env id");
    term.keys("Enter");
    const preview = await term.waitFor("Write this to config.yaml?");
    expect(preview).toContain("- env:SLACK_SIGNING_SECRET");
    expect(preview).not.toContain("- name: example"); // only the new lines are shown
    term.type("n");
    term.keys("Enter");
    const end = await term.waitFor("[exit ");
    expect(end).toContain("[exit 1]");
    expect(end).toContain("Nothing was written to config.yaml");
    expect(box.bytes().equals(before)).toBe(true);
    expect(box.entries()).toEqual(["config.yaml"]);
  });

  it("Ctrl-C at a question: exit 130 as SIGINT, one line, nothing written", async () => {
    const box = configSandbox(REFERENCE_CONFIG);
    const before = box.bytes();
    const term = terminal(box.dir, ["slack", "-file", "config.yaml", "-token", "env:SLACK_TOKEN"]);
    await term.waitFor("Which secret reference scheme?");
    term.keys("C-c");
    const end = await term.waitFor("[exit ");
    expect(end).toContain("error: stopped by SIGINT; no config file was changed\n[exit 130]");
    expect(end).not.toContain("Nothing was written"); // the stop line alone says it
    expect(box.bytes().equals(before)).toBe(true);
    expect(box.entries()).toEqual(["config.yaml"]);
  });

  it("Ctrl-C at the confirmation: exit 130, nothing written", async () => {
    const box = configSandbox(REFERENCE_CONFIG);
    const before = box.bytes();
    const term = terminal(box.dir, ["slack", "-file", "config.yaml", "-token", "env:SLACK_TOKEN"]);
    await term.waitFor("--signing-secret: secret reference");
    term.keys("Enter");
    await term.waitFor("--signing-secret: env id");
    term.keys("Enter");
    await term.waitFor("Write this to config.yaml?");
    term.keys("C-c");
    expect(await term.waitFor("[exit ")).toContain("error: stopped by SIGINT; no config file was changed\n[exit 130]");
    expect(box.bytes().equals(before)).toBe(true);
    expect(box.entries()).toEqual(["config.yaml"]);
  });
});

describe("without prompts, missing flags stay a usage error (exit 2)", () => {
  it("without a terminal: names both flags, writes nothing", () => {
    const box = configSandbox();
    const result = box.run("slack", "-file", "config.yaml");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("missing required flags --token, --signing-secret");
    expect(box.entries()).toEqual([]);
  });

  it("on a terminal with --no-input, or with CI=true", async () => {
    for (const [args, env] of [
      [["--no-input"], {}],
      [[], { CI: "true" }],
    ] as const) {
      const dir = makeTempDir();
      writeFileSync(join(dir, "config.yaml"), REFERENCE_CONFIG);
      const term = terminal(dir, ["slack", "-file", "config.yaml", ...args], env);
      const end = await term.waitFor("[exit ");
      expect(end).toContain("missing required flags --token, --signing-secret");
      expect(end).toContain("[exit 2]");
      expect(readFileSync(join(dir, "config.yaml"), "utf8")).toBe(REFERENCE_CONFIG);
    }
  });

  it("--no-input is listed among the host flags of an integration's --help", () => {
    const result = configSandbox().run("slack", "--help");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Host flags:[\s\S]*--no-input/);
  });
});
