/**
 * Issue 6 point 8, third property: random argv never ends in an uncaught exception. The built CLI runs
 * with argv drawn from real command words, integration names, flag names (Go style `-x`, `--x`,
 * `--x=value`), realistic and hostile values (credentials, URLs with user info, paths with `..`),
 * `--`, empty strings, ASCII controls and any Unicode. Each run: exit code 0, 1 or 2; no stack trace
 * on stderr unless `--debug` was given; `config.yaml` byte-for-byte unchanged whenever the exit code is
 * not 0, and no lock or temp file left beside it.
 *
 * Safety of the runs themselves: each runs in its own temp dir three levels deep (so `../..` stays in
 * it), with HOME, the plugin directories and npm's prefix isolated and npm pointed at a closed port
 * offline; `plugins install` is not in the vocabulary (it would ask a registry), and absolute paths
 * are made inside the temp dir.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assertValidConfig, isolatedEnv, makeTempDir, runCli, schemaProblems, slackBlock } from "@integrations/test-utils";

/** Fixed so that a failure replays; fast-check prints it (and the shrunk path) on failure. */
const SEED = Number(process.env.FC_SEED ?? 20_260_806);
/** Each run spawns node, so the count stays modest. */
const RUNS = Number(process.env.FC_RUNS ?? 150);

const CONFIG = `# hand-written\nintegrations:\n${slackBlock()}  # end of list\n`;
/** Stands for the run's temp dir in absolute-path values. */
const BASE = "\u0000BASE";

const WORDS = [
  "slack",
  "github",
  "gitlab",
  "stripe",
  "openai",
  "jira",
  "pagerduty",
  "nosuch",
  "Slack",
  "SLACK",
  "@acme/slack",
  "integrations-plugin-slack",
  "update",
  "delete",
  "list",
  "validate",
  "plugins",
  "uninstall",
  "inspect",
  "link",
  "new",
  "update",
  "help",
  "schema",
  "doctor",
  "completion",
  "bash",
  "zsh",
  "fish",
  "__complete",
];
const FLAGS = [
  "file",
  "plugin",
  "debug",
  "quiet",
  "json",
  "dry-run",
  "replace",
  "no-input",
  "configured",
  "strict",
  "allow-dangerous-literal",
  "name",
  "destination",
  "in-rate-limit",
  "out-rate-limit",
  "rate-limit-window",
  "rate-limit-strategy",
  "idle-conn-timeout",
  "tls-insecure-skip-verify",
  "max-idle-conns",
  "token",
  "signing-secret",
  "webhook-secret",
  "api-key",
  "help",
  "version",
  "registry",
  "scope",
  "dir",
  "no-plugins",
  "h",
  "V",
];
const VALUES = [
  "config.yaml",
  "other.yaml",
  "adir",
  "missing-dir/config.yaml",
  `${BASE}/abs.yaml`,
  `${BASE}/no/such/dir/x.yaml`,
  "env:SLACK_TOKEN",
  "env:SLACK_SIGNING_SECRET",
  "env:GITHUB_TOKEN",
  "vault:secret/data/x",
  "env:",
  "env:1BAD",
  "xoxb-123456789012-abcdefghijklmnop",
  "ghp_abcdefghijklmnopqrstuvwxyz0123456789",
  "sk_live_abcdefghijklmnop1234",
  "dangerousLiteral:hunter2",
  "https://slack.com/api",
  "https://user:pass@example.com",
  "https://x.example.com/?api_key=abc",
  "example.com",
  "30s",
  "1h30m",
  "0",
  "-1",
  "1e99",
  "99999999999999999999",
  "abc",
  "fixed_window",
  "true",
  "false",
  "../x",
  "../../x",
  "a/b/c",
  ".",
  "./plugin",
  "@acme/slack",
  "slack",
  "http://127.0.0.1:9/",
];

const value = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...VALUES) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary-ascii", maxLength: 8 }).map((s) => s.replaceAll("\u0000", "")) },
);
const flag = fc
  .tuple(fc.constantFrom("-", "--"), fc.constantFrom(...FLAGS), fc.option(value, { freq: 4 }))
  .map(([dashes, name, inline]) => (inline === null ? `${dashes}${name}` : `${dashes}${name}=${inline}`));
const token = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 4, arbitrary: flag },
  { weight: 3, arbitrary: value },
  { weight: 1, arbitrary: fc.constantFrom("--", "-", "---", "", " ", "=", "--=x", "-\u00e9", "--\u{1F600}") },
);
/** A flag and its value as two words (`-token env:X`), as scripts write them. */
const pair = fc.tuple(fc.constantFrom("-", "--"), fc.constantFrom(...FLAGS), value).map(([dashes, name, v]) => [`${dashes}${name}`, v]);
const words = fc.array(fc.oneof({ weight: 3, arbitrary: pair }, { weight: 2, arbitrary: token.map((t) => [t]) }), { maxLength: 5 }).map((groups) => groups.flat());

const secretish = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom("env:SLACK_TOKEN", "env:SLACK_SIGNING_SECRET", "vault:secret/data/x", "k8s:ns/name#key", "file:/run/secrets/x") },
  { weight: 2, arbitrary: value },
);
/** Common flags with values people give them, good and bad, and switches. */
const commonFlag: fc.Arbitrary<string[]> = fc.oneof(
  fc.tuple(fc.constantFrom("-name", "--name"), fc.oneof(fc.constantFrom("slack-2", "Other.One", "slack", "a b"), value)),
  fc.tuple(fc.constantFrom("-destination", "--destination"), fc.oneof(fc.constantFrom("https://api.example.com", "example.com", "https://user:pass@example.com", "https://*.example.com/x*"), value)),
  fc.tuple(fc.constantFrom("-rate-limit-window", "--in-rate-limit", "--out-rate-limit", "--idle-conn-timeout", "--rate-limit-strategy", "--max-idle-conns"), value),
  fc.constantFrom<string[]>(
    ["--dry-run"],
    ["--json"],
    ["--replace"],
    ["--no-input"],
    ["--quiet"],
    ["--debug"],
    ["--allow-dangerous-literal"],
    ["--no-plugins"],
    ["-file", "other.yaml"],
    ["--file", "adir"],
    ["--file=missing-dir/config.yaml"],
  ),
);
const INTEGRATIONS = [
  { command: ["slack"], flags: ["token", "signing-secret"] },
  { command: ["update", "slack"], flags: ["token", "signing-secret"] },
  { command: ["SLACK"], flags: ["token", "signing-secret"] },
  { command: ["github"], flags: ["token", "webhook-secret"] },
  { command: ["update", "github"], flags: ["token", "webhook-secret"] },
  { command: ["openai"], flags: ["api-key"] },
];
/** An integration command with its own flags (mostly given), common flags, and now and then garbage. */
const integrationArgv = fc
  .constantFrom(...INTEGRATIONS)
  .chain(({ command, flags }) =>
    fc
      .tuple(
        fc.tuple(...flags.map((name) => fc.option(fc.tuple(fc.constantFrom(`-${name}`, `--${name}`), secretish), { freq: 6 }))),
        fc.array(commonFlag, { maxLength: 3 }),
        fc.array(token, { maxLength: 2 }),
        fc.nat({ max: 3 }),
      )
      .map(([own, common, garbage, keepGarbage]) => [...command, ...own.flatMap((pair) => pair ?? []), ...common.flat(), ...(keepGarbage === 0 ? garbage : [])]),
  );
/** The other commands, with arguments of every kind. */
const commandArgv: fc.Arbitrary<string[]> = fc.oneof(
  fc.tuple(fc.constantFrom("slack", "SLACK", "nosuch", "../x", ""), fc.subarray(["--dry-run", "--json"])).map(([name, opts]) => ["delete", name, ...opts]),
  fc.subarray(["--configured", "--json"]).map((opts) => ["list", ...opts]),
  fc.subarray(["--json", "--allow-dangerous-literal"]).map((opts) => ["validate", ...opts]),
  fc
    .tuple(fc.constantFrom("uninstall", "inspect", "link", "new", "update"), fc.oneof(fc.constantFrom("slack", "../x", "/abs", "a/b/c", "@acme/slack", "demo", "adir"), value), fc.subarray(["--json"]))
    .map(([sub, name, opts]) => ["plugins", sub, name, ...opts]),
  fc.constantFrom("bash", "zsh", "fish", "pwsh").map((shell) => ["completion", shell]),
  fc.constantFrom("slack", "nosuch", "delete").map((name) => ["help", name]),
  fc.constantFrom<string[]>(["schema"], ["schema", "--allow-dangerous-literal"], ["doctor"], ["doctor", "--json", "--strict"], ["--version"], ["--help"], ["-help"]),
);
/** Realistic commands, a command word with random flags, or anything at all; sometimes `-file` in front. */
const argvArb = fc
  .tuple(
    fc.oneof(
      { weight: 3, arbitrary: integrationArgv },
      { weight: 2, arbitrary: commandArgv },
      { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...WORDS), words).map(([first, rest]) => [first, ...rest]) },
      { weight: 1, arbitrary: fc.array(token, { maxLength: 8 }) },
    ),
    fc.option(fc.constantFrom(["-file", "config.yaml"], ["--file", `${BASE}/abs.yaml`], ["--file"]), { freq: 4 }),
  )
  .map(([argv, file]) => [...(file ?? []), ...argv]);

/** A fresh run directory: `<base>/a/b/work` holding config.yaml and a directory `adir`. */
function runDir(): { base: string; cwd: string } {
  const base = makeTempDir();
  const cwd = join(base, "a", "b", "work");
  mkdirSync(join(cwd, "adir"), { recursive: true });
  writeFileSync(join(cwd, "config.yaml"), CONFIG);
  return { base, cwd };
}

const STACK_LINE = /^\s+at /m;

describe("random argv never ends in an uncaught exception", () => {
  it("the starting config is valid", () => {
    assertValidConfig(CONFIG);
  });

  it(`exits 0, 1 or 2, without a stack trace, leaving config.yaml untouched on failure (${RUNS} runs)`, () => {
    const codes = new Map<number, number>();
    fc.assert(
      fc.property(argvArb, (template) => {
        const { base, cwd } = runDir();
        const argv = template.map((arg) => arg.replaceAll(BASE, base));
        const env = {
          ...isolatedEnv(base),
          npm_config_registry: "http://127.0.0.1:9/",
          npm_config_offline: "true",
          npm_config_update_notifier: "false",
        };
        const result = runCli(argv, { cwd, env });
        codes.set(result.code, (codes.get(result.code) ?? 0) + 1);
        const shown = `argv ${JSON.stringify(argv)}\nexit ${result.code}\nstderr:\n${result.stderr}`;
        expect([0, 1, 2], shown).toContain(result.code);
        if (!argv.includes("--debug") && !argv.includes("-debug")) expect(result.stderr, shown).not.toMatch(STACK_LINE);
        const after = readFileSync(join(cwd, "config.yaml"), "utf8");
        if (result.code !== 0) expect(after, `config.yaml changed on failure\n${shown}`).toBe(CONFIG);
        else if (after !== CONFIG) {
          // A successful edit: still a valid file (dangerousLiteral: only when it was allowed).
          const problems = schemaProblems(after).filter((p) => !(p.includes("dangerousLiteral") && argv.some((a) => a.includes("allow-dangerous-literal"))));
          expect(problems, shown).toEqual([]);
        }
        const strays = readdirSync(cwd).filter((name) => /^config\.yaml\..+/.test(name));
        expect(strays, `lock or temp files left\n${shown}`).toEqual([]);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    expect([...codes.values()].reduce((a, b) => a + b, 0)).toBe(RUNS);
    console.log(`argv property: ${RUNS} runs, exit codes ${JSON.stringify(Object.fromEntries(codes))}`);
  }, 900_000);
});
