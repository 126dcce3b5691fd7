// update, delete, --dry-run and validate through the built CLI, on a file with three integrations,
// comments between them and fields this tool does not write.
import { describe, expect, it } from "vitest";
import { assertValidConfig, configSandbox, REFERENCE_CONFIG, sharedPath } from "@integrations/test-utils";
import { readFileSync } from "node:fs";

const HEAD = [
  "# production proxy",
  "integrations:",
  "  - name: example",
  "    destination: http://backend.example.com",
  "    max_idle_conns: 100",
  "",
  "  # GitHub, tuned by hand for the staging sandbox",
];
const MIDDLE = [
  "  - name: GitHub",
  "    destination: https://api.github.com",
  "    in_rate_limit: 10",
  "    rate_limit_window: 1m",
  "    tls_insecure_skip_verify: true # sandbox only",
  "    incoming_auth:",
  "      - type: github_signature",
  "        params:",
  "          secrets:",
  "            - env:OLD_HOOK",
  "    outgoing_auth:",
  "      - type: token",
  "        params:",
  "          header: Authorization",
  '          prefix: "token "',
  "          secrets:",
  "            - env:OLD_TOKEN",
];
const TAIL = ["  # the last one", "  - name: last", "    destination: 'https://last.example.com'", "    rate_limit_window: 30s", ""];
const THREE = [...HEAD, ...MIDDLE, ...TAIL].join("\n");
const GITHUB_FLAGS = ["-token", "env:GITHUB_TOKEN", "-webhook-secret", "env:GITHUB_WEBHOOK_SECRET"];

/** The lines of `after` between HEAD and TAIL, after checking that HEAD and TAIL are untouched. */
function middleOf(after: string): string[] {
  const lines = after.split("\n");
  expect(lines.slice(0, HEAD.length)).toEqual(HEAD);
  expect(lines.slice(lines.length - TAIL.length)).toEqual(TAIL);
  return lines.slice(HEAD.length, lines.length - TAIL.length);
}

describe("integrations update", () => {
  it("given a block's name instead of a plugin, says that update takes the plugin and --name the block (exit 2, file untouched)", () => {
    const box = configSandbox(THREE);
    const result = box.run("update", "sandbox-block", "-file", "config.yaml", ...GITHUB_FLAGS);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: "sandbox-block" is not an integration plugin: update takes the plugin .*--name sandbox-block.*; plugins: asana, /);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(box.text()).toBe(THREE);
  });

  it("changes only the middle block's own lines, keeping its position and a hand-added key", () => {
    const box = configSandbox(THREE);
    const result = box.run("update", "github", "-file", "config.yaml", ...GITHUB_FLAGS);
    assertValidConfig(box.text());
    const middle = middleOf(box.text());
    // The block as written: its name as in the file, its lines from its `-` to its last line.
    expect(result).toMatchObject({ code: 0, stdout: `updated GitHub in config.yaml (lines ${HEAD.length + 1}–${HEAD.length + middle.length})\n` });
    expect(middle[0]).toBe("  - name: GitHub");
    expect(middle).toContain("    tls_insecure_skip_verify: true # sandbox only");
    expect(middle).toContain("    in_rate_limit: 5000");
    expect(middle).toContain("            - env:GITHUB_TOKEN");
    expect(middle).not.toContain("            - env:OLD_TOKEN");
  });

  it("--replace drops the hand-added key", () => {
    const box = configSandbox(THREE);
    expect(box.run("update", "github", "--name", "GITHUB", "--replace", "-file", "config.yaml", ...GITHUB_FLAGS).code).toBe(0);
    assertValidConfig(box.text());
    const middle = middleOf(box.text());
    expect(middle.join("\n")).not.toContain("tls_insecure_skip_verify");
    expect(middle[0]).toBe("  - name: GitHub");
  });

  it("--dry-run prints the diff and leaves the file unchanged", () => {
    const box = configSandbox(THREE);
    const result = box.run("update", "github", "--dry-run", "-file", "config.yaml", ...GITHUB_FLAGS);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("--- a/config.yaml\n+++ b/config.yaml\n");
    expect(result.stdout).toContain("-            - env:OLD_TOKEN\n");
    expect(result.stdout).toContain("+            - env:GITHUB_TOKEN\n");
    expect(box.text()).toBe(THREE);
  });

  it("appends with --add when no block has that name", () => {
    const box = configSandbox(REFERENCE_CONFIG);
    const result = box.run("update", "github", "--add", "-file", "config.yaml", ...GITHUB_FLAGS);
    const [first, last] = [REFERENCE_CONFIG.split("\n").length, box.text().trimEnd().split("\n").length];
    expect(result).toMatchObject({ code: 0, stdout: `added github to config.yaml (lines ${first}–${last})\n` });
    expect(box.text().startsWith(REFERENCE_CONFIG)).toBe(true);
    assertValidConfig(box.text());
  });
});

describe("integrations delete", () => {
  it("removes only the middle block's lines, matching the name case-insensitively", () => {
    const box = configSandbox(THREE);
    expect(box.run("delete", "github", "-file", "config.yaml")).toMatchObject({ code: 0, stdout: "deleted GitHub from config.yaml\n" });
    expect(box.text()).toBe([...HEAD, ...TAIL].join("\n"));
    assertValidConfig(box.text());
  });

  it("exits 1 with `no integration named <name>` and writes nothing", () => {
    const box = configSandbox(THREE);
    const result = box.run("delete", "nope", "-file", "config.yaml");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("no integration named nope");
    expect(box.text()).toBe(THREE);
  });

  it("--dry-run prints the diff and leaves the file unchanged", () => {
    const box = configSandbox(THREE);
    const result = box.run("delete", "GitHub", "--dry-run", "-file", "config.yaml");
    expect(result.code).toBe(0);
    for (const line of MIDDLE) expect(result.stdout).toContain(`-${line}\n`);
    expect(box.text()).toBe(THREE);
  });
});

it("the main job's --dry-run prints the diff of the added lines and writes nothing", () => {
  const box = configSandbox(THREE);
  const result = box.run("slack", "--dry-run", "-file", "config.yaml", "-token", "env:A", "-signing-secret", "env:B");
  expect(result.code).toBe(0);
  expect(result.stdout).toContain("+  - name: slack\n");
  expect(result.stdout).not.toMatch(/^-[^-]/m);
  expect(box.text()).toBe(THREE);
});

describe("integrations validate", () => {
  it.each(["examples-config.yaml", "conf-config.yaml"])("passes on the proxy's %s", (name) => {
    const box = configSandbox(readFileSync(sharedPath("reference", "authtranslator", name)));
    const result = box.run("validate", "-file", "config.yaml");
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("config.yaml is valid (1 integration)\n");
  });

  it("reports one problem of each kind the proxy checks at start-up, each with its path and line", () => {
    const seeded = [
      "integrations:",
      "  - destination: https://no-name.example.com", // 1 name missing (item on line 2)
      "  - name: bad name", // 2 name pattern
      "    destination: https://a.example.com",
      "  - name: dup",
      "    destination: https://b.example.com",
      "  - name: DUP", // 3 duplicate
      "    destination: example.com", // 4 destination
      "    rate_limit_window: 0s", // 5 window > 0
      "    rate_limit_strategy: sliding", // 6 strategy
      "    idle_conn_timeout: -1s", // 7 timeouts >= 0
      "    max_idle_conns: -1", // 8 max_idle >= 0
      "    outgoing_auth:",
      "      - type: slack_signature", // 9 type for its direction
      "        params: {}",
      "    incoming_auth:",
      "      - type: token",
      "        params:",
      "          header: X-Auth",
      "          secrets: [envv:X]", // 10 secret reference
      "",
    ].join("\n");
    const box = configSandbox(seeded);
    const result = box.run("validate", "--json", "-file", "config.yaml");
    expect(result.code).toBe(1);
    const { valid, problems } = JSON.parse(result.stdout) as { valid: boolean; problems: { path: string; line: number; message: string }[] };
    expect(valid).toBe(false);
    const where = problems.map((p) => `${p.line} ${p.path}`);
    expect(where).toEqual(
      expect.arrayContaining([
        "2 integrations[0].name",
        "3 integrations[1].name",
        "7 integrations[3].name",
        "8 integrations[3].destination",
        "9 integrations[3].rate_limit_window",
        "10 integrations[3].rate_limit_strategy",
        "11 integrations[3].idle_conn_timeout",
        "12 integrations[3].max_idle_conns",
        "14 integrations[3].outgoing_auth[0].type",
        "20 integrations[3].incoming_auth[0].params.secrets[0]",
      ]),
    );
    expect(problems).toHaveLength(10);
    const text = box.run("validate", "-file", "config.yaml");
    expect(text.code).toBe(1);
    expect(text.stdout).toContain("config.yaml:8: integrations[3].destination: ");
    expect(text.stdout.trimEnd().split("\n").at(-1)).toBe("10 problems in config.yaml; 3 warnings"); // the three blocks without incoming_auth
  });

  it("warns, exit 0, on an integration without incoming_auth", () => {
    const box = configSandbox("integrations:\n  - name: open\n    destination: https://open.example.com\n");
    const result = box.run("validate", "-file", "config.yaml");
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("warning: config.yaml:2: integrations[0]: integration open has no incoming_auth");
  });
});

describe("integrations list --configured", () => {
  it("lists name and destination, and the whole blocks with --json, dangerousLiteral values masked", () => {
    const box = configSandbox(
      "integrations:\n  - name: lit\n    destination: https://lit.example.com\n    outgoing_auth:\n      - type: token\n        params: {header: X-Key, secrets: ['dangerousLiteral:supersecretvalue123']}\n",
    );
    expect(box.run("list", "--configured", "-file", "config.yaml").stdout).toBe("NAME  DESTINATION\nlit   https://lit.example.com\n");
    const json = box.run("list", "--configured", "--json", "-file", "config.yaml").stdout;
    expect(json).not.toContain("supersecretvalue123");
    expect(JSON.parse(json)[0].outgoing_auth[0].params.header).toBe("X-Key");
  });
});

describe("after an edit", () => {
  it("warns about a missing incoming_auth only when the block as written has none", () => {
    const box = configSandbox("integrations: []\n");
    expect(box.run("pagerduty", "-file", "config.yaml", "-token", "env:P", "--incoming-token", "env:IN").stderr).toBe("");
    const update = box.run("update", "pagerduty", "-file", "config.yaml", "-token", "env:P");
    expect(update.code).toBe(0);
    expect(update.stderr).toBe("");
    expect(box.text()).toContain("            - env:IN\n");
  });

  it("--json with --dry-run prints the diff inside one JSON object", () => {
    const box = configSandbox(THREE);
    const result = box.run("delete", "last", "--dry-run", "--json", "-file", "config.yaml");
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout) as { status: string; action: string; diff: string };
    expect(out).toMatchObject({ status: "dry-run", action: "deleted" });
    expect(out.diff).toContain("-  - name: last\n");
    expect(box.text()).toBe(THREE);
  });

  it("validate accepts dangerousLiteral: only with --allow-dangerous-literal, and warns", () => {
    const box = configSandbox(
      "integrations:\n  - name: lit\n    destination: https://lit.example.com\n    incoming_auth:\n      - type: token\n        params: {header: X-Auth, secrets: ['dangerousLiteral:__PLACEHOLDER__']}\n",
    );
    const refused = box.run("validate", "-file", "config.yaml");
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain("--allow-dangerous-literal");
    const allowed = box.run("validate", "--allow-dangerous-literal", "-file", "config.yaml");
    expect(allowed.code).toBe(0);
    expect(allowed.stderr).toContain("dangerousLiteral: secrets in plain text");
  });
});
