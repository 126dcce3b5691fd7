// Hostile input (the oversized file aside: size-limit.e2e.test.ts), through the built CLI: alias bombs, alias
// amplification, recursive aliases, deep nesting, invalid UTF-8 and control characters. Every run has
// its V8 heap capped (NODE_OPTIONS=--max-old-space-size=128), so unbounded memory shows up as a crash
// (no exit code 1), never as a slow machine. Each group names in brackets the promise it proves.
import { describe, expect, it } from "vitest";
import { assertValidConfig, configSandbox, runCli, SLACK_FLAGS, slackBlock, type CliResult } from "@integrations/test-utils";

const HEAP = { NODE_OPTIONS: "--max-old-space-size=128" };

const COMMANDS: [string, string[]][] = [
  ["add", ["slack", "-file", "config.yaml", ...SLACK_FLAGS]],
  ["update", ["update", "slack", "--name", "a", "-file", "config.yaml", ...SLACK_FLAGS]],
  ["delete", ["delete", "a", "-file", "config.yaml"]],
  ["validate", ["validate", "-file", "config.yaml"]],
  ["validate --json", ["validate", "--json", "-file", "config.yaml"]],
  ["list --configured", ["list", "--configured", "-file", "config.yaml"]],
  ["list --configured --json", ["list", "--configured", "--json", "-file", "config.yaml"]],
];
const [ADD, , , VALIDATE] = COMMANDS.map(([, args]) => args) as [string[], string[], string[], string[]];

/** Runs `args` on a config.yaml holding `original`, the heap capped. */
function runOn(original: string | Buffer, args: string[]): { result: CliResult; bytes: () => Buffer } {
  const box = configSandbox(original);
  const result = runCli(args, { cwd: box.dir, env: HEAP });
  return { result, bytes: () => box.bytes() };
}

/**
 * Runs `args` on `original` and expects a bounded refusal: exit 1 (not a crash), one line on stderr, no
 * stack trace, nothing on stdout but `--json`'s one error object, the file byte for byte as it was.
 * Returns the stderr line.
 */
function refused(original: string | Buffer, args: string[]): string {
  const { result, bytes } = runOn(original, args);
  expect(result.code).toBe(1);
  const lines = result.stderr.trimEnd().split("\n");
  expect(lines).toHaveLength(1);
  expect(result.stderr).not.toMatch(/^\s+at |FATAL|heap/im);
  if (args.includes("--json")) expect(JSON.parse(result.stdout)).toMatchObject({ status: "error", exitCode: 1 });
  else expect(result.stdout).toBe("");
  expect(bytes().equals(Buffer.from(original))).toBe(true);
  return lines[0]!;
}

/** `depth` levels of ten aliases each: 10^depth values once expanded. */
function listBomb(depth: number): string {
  const lines = ["l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"];
  for (let i = 1; i <= depth; i++)
    lines.push(
      `l${i}: &l${i} [${Array(10)
        .fill(`*l${i - 1}`)
        .join(", ")}]`,
    );
  return lines.join("\n");
}

const A_BLOCK = "  - name: a\n    destination: https://a.example.com\n";

/** The alias bombs tried, each a whole config.yaml holding integration `a`. */
const BOMBS: [string, string][] = [
  ["a billion laughs under an integration's key", `${listBomb(9)}\nintegrations:\n${A_BLOCK}    tags: *l9\n`],
  ["a billion laughs in a top-level key the proxy ignores", `${listBomb(9)}\nintegrations:\n${A_BLOCK}`],
  ["a billion laughs used as a mapping key", `${listBomb(9)}\nintegrations:\n${A_BLOCK}    ? *l9\n    : lol\n`],
  ["a billion laughs inside a flow list of integrations", `${listBomb(9)}\nintegrations: [{name: a, destination: 'https://a.example.com', x: *l9}]\n`],
  [
    "merge keys that double at every level",
    [
      "m0: &m0 {k0: lol}",
      ...Array.from({ length: 30 }, (_, i) => `m${i + 1}: &m${i + 1} {<<: *m${i}, k${i + 1}: {<<: *m${i}}}`),
      "integrations:",
      "  - <<: *m30",
      "    name: a",
      "    destination: https://a.example.com",
      "",
    ].join("\n"),
  ],
];

describe("[a YAML alias bomb fails fast with a bounded error]", () => {
  // Every command on the classic bomb; the other bombs through the two read paths (an edit, a read-only command).
  const runs = BOMBS.flatMap(([what, text], i) => COMMANDS.filter(([, args]) => i === 0 || args === ADD || args === VALIDATE).map(([command, args]) => [what, command, text, args] as const));
  it.each(runs)("%s: %s refuses it in one line", (_, __, text, args) => {
    expect(refused(text, [...args])).toMatch(/^error: config\.yaml: .*alias/i);
  });

  it("a bomb in a later document is kept, never expanded: add writes the first document only", () => {
    const first = `integrations:\n${A_BLOCK}`;
    const rest = `---\n${listBomb(9)}\nboom: *l9\n`;
    const { result, bytes } = runOn(first + rest, ADD);
    expect(result).toEqual({ code: 0, stdout: "added slack to config.yaml (lines 4–21)\n", stderr: "" });
    expect(bytes().toString("utf8")).toBe(first + slackBlock() + rest);
    assertValidConfig(first + slackBlock());
  });
});

describe("[alias bomb] a large anchored value aliased many times (under the parser's alias count)", () => {
  // 500 integrations sharing one 2,500-item secrets list: 80 KB of YAML, 1.25 million values once expanded
  // (the ratio grows with the list: 20,000 items and 990 integrations, 0.29 MB, make 20 million).
  const WIDE = [
    `shared: &big [${Array(2_500).fill("env:A").join(", ")}]`,
    "integrations:",
    ...Array.from(
      { length: 500 },
      (_, i) => `  - name: n${i}\n    destination: https://x.example.com\n    outgoing_auth:\n      - type: token\n        params:\n          header: X\n          secrets: *big`,
    ),
    "",
  ].join("\n");

  it("validate refuses it in one problem line, in bounded memory", () => {
    const { result, bytes } = runOn(WIDE, VALIDATE);
    expect(result.code).toBe(1);
    expect(result.stderr).not.toMatch(/error|heap/i);
    expect(result.stdout).toMatch(
      /^error: config\.yaml:1: aliases repeat 12\d{5} values, more than the 1000000 allowed; write the shared values out or use fewer aliases\n1 problem in config\.yaml; 500 warnings\n$/,
    );
    expect(bytes().toString("utf8")).toBe(WIDE);
  });

  it("list --configured (names and destinations) still lists it", () => {
    const { result } = runOn(WIDE, ["list", "--configured", "-file", "config.yaml"]);
    expect(result.code).toBe(0);
    expect(result.stdout.split("\n")).toHaveLength(502);
  });

  // The trap: yaml/parse.ts bounds the alias *count*, not the expanded size, and commands/configured.ts
  // JSON.stringifies what it read, so `list --configured --json` would print every repeat and, under a
  // 128 MB heap, die of "JavaScript heap out of memory" with V8's native stack (signal 6). Expected: a
  // one-line refusal, exit 1, as validate gives.
  it("list --configured --json refuses it in one line instead of printing the expansion", () => {
    try {
      refused(WIDE, ["list", "--configured", "--json", "-file", "config.yaml"]);
    } catch (error) {
      // spawnSync stops reading after 1 MB of output (ENOBUFS): the expansion itself was being printed.
      if ((error as NodeJS.ErrnoException).code === "ENOBUFS") expect.fail("list --configured --json printed more than 1 MB");
      throw error;
    }
  });
});

describe("[hostile input] a recursive alias (a node inside itself), which the proxy refuses", () => {
  const RECURSIVE = "integrations:\n  - &a\n    name: a\n    destination: https://a.example.com\n    incoming_auth:\n      - type: token\n        params: {header: X, secrets: [env:A], loop: *a}\n";

  it("validate reports it at its path and line", () => {
    const { result } = runOn(RECURSIVE, VALIDATE);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      "error: config.yaml:7: integrations[0].incoming_auth[0].params.loop: is an alias of a node that contains it (a recursive alias, which the proxy refuses); write the values out instead\n1 problem in config.yaml\n",
    );
  });

  // The trap: commands/configured.ts and mask.ts walk the data, and a walk into the cycle ends in
  // "Maximum call stack size exceeded", reported as an unexpected failure. Expected: a one-line error
  // naming the recursive alias, as validate gives.
  it("list --configured --json names the recursive alias instead of an unexpected failure", () => {
    expect(refused(RECURSIVE, ["list", "--configured", "--json", "-file", "config.yaml"])).not.toContain("unexpected failure");
  });

  it("update refuses it in one line naming the recursive alias", () => {
    expect(refused(RECURSIVE, ["update", "slack", "--name", "a", "-file", "config.yaml", ...SLACK_FLAGS])).toMatch(
      /^error: config\.yaml at integrations\[0\]\.incoming_auth\[0\]\.params\.loop: .*a recursive alias/,
    );
  });

  // The trap (edit/frame.ts): with the list itself anchored and aliased inside its item (`integrations: &x` …
  // `extra: *x`), `add` changes what the alias stands for, the read-back check notices, and the run would
  // end with "internal error: the edited config.yaml did not read back as expected", which blames the
  // tool. Expected: a one-line refusal naming the recursive alias.
  it("add next to a recursive alias of the list names it, not an internal error", () => {
    const text = "integrations: &x\n  - name: a\n    destination: https://a.example.com\n    extra: *x\n";
    expect(refused(text, ADD)).not.toContain("internal error");
  });
});

describe("[hostile input] nesting 10,000 levels deep", () => {
  it.each([
    ["flow lists", `integrations: ${"[".repeat(10_000)}${"]".repeat(10_000)}\n`],
    ["flow maps", `integrations: ${"{a: ".repeat(10_000)}b${"}".repeat(10_000)}\n`],
  ])("%s: add and validate refuse it in one line with a position", (_, text) => {
    for (const args of [ADD, VALIDATE]) expect(refused(text, args)).toMatch(/^error: config\.yaml:\d+:\d+: /);
  });
});

describe("[invalid UTF-8 → a clear error naming the file and the byte offset]", () => {
  const HEAD = "integrations:\n  - name: a # caf\u00e9 \u20ac "; // two multibyte characters before the bad byte: offsets count bytes
  const TAIL = "\n    destination: https://a.example.com\n";
  const offset = Buffer.byteLength(HEAD);
  const column = offset - "integrations:\n".length + 1;
  const CASES: [string, number[]][] = [
    ["a Latin-1 é (0xE9)", [0xe9, 0x20]],
    ["a lone continuation byte", [0x80]],
    ["0xFF", [0xff]],
    ["an overlong '/' (C0 AF)", [0xc0, 0xaf]],
    ["an overlong 3-byte form (E0 80 AF)", [0xe0, 0x80, 0xaf]],
    ["a UTF-16 surrogate (ED A0 80)", [0xed, 0xa0, 0x80]],
    ["a code point past U+10FFFF (F4 90 80 80)", [0xf4, 0x90, 0x80, 0x80]],
    ["a 4-byte sequence cut short (F0 9F 98)", [0xf0, 0x9f, 0x98]],
  ];
  const file = (bad: number[]) => Buffer.concat([Buffer.from(HEAD), Buffer.from(bad), Buffer.from(TAIL)]);

  it.each(CASES)("%s: add and validate name config.yaml, line, column and byte offset", (_, bad) => {
    const hex = bad[0]!.toString(16).toUpperCase();
    const expected = `error: config.yaml:2:${column}: not valid UTF-8 at byte offset ${offset} (0x${hex}); save the file as UTF-8 and run again`;
    for (const args of [ADD, VALIDATE]) expect(refused(file(bad), args)).toBe(expected);
  });

  it.each(COMMANDS)("%s refuses it the same way", (_, args) => {
    expect(refused(file([0xe9, 0x20]), args)).toContain(`config.yaml:2:${column}: not valid UTF-8 at byte offset ${offset}`);
  });

  it("a sequence cut off by the end of the file: its first byte's offset", () => {
    const text = Buffer.concat([Buffer.from(`integrations:\n${A_BLOCK}# `), Buffer.from([0xe2, 0x82])]);
    expect(refused(text, VALIDATE)).toBe(`error: config.yaml:4:3: not valid UTF-8 at byte offset ${text.length - 2} (0xE2); save the file as UTF-8 and run again`);
  });

  it.each([
    ["little-endian", [0xff, 0xfe]],
    ["big-endian", [0xfe, 0xff]],
  ])("a UTF-16 (%s) file is named as UTF-16", (order, bom) => {
    const body = Buffer.from(`integrations:\n${A_BLOCK}`, "utf16le");
    if (order === "big-endian") body.swap16();
    expect(refused(Buffer.concat([Buffer.from(bom), body]), ADD)).toBe("error: config.yaml is UTF-16 text, not UTF-8; save it as UTF-8 and run again");
  });
});

describe("[hostile input] characters YAML does not allow (the proxy refuses them too)", () => {
  const HEAD = "integrations:\n  - name: a\n    destination: https://a.example.com # ";
  it.each([
    ["NUL", "\u0000", "U+0000"],
    ["BEL", "\u0007", "U+0007"],
    ["ESC, a terminal escape", "\u001b]0;owned\u0007", "U+001B"],
    ["DEL", "\u007f", "U+007F"],
    ["C1 CSI", "\u009b31m", "U+009B"],
    ["U+FFFE", "\ufffe", "U+FFFE"],
  ])("%s: refused at its line and column, never echoed", (_, char, code) => {
    const text = `${HEAD}${char}\n`;
    for (const args of [ADD, VALIDATE, COMMANDS[5]![1]]) {
      const line = refused(text, args);
      expect(line).toBe(`error: config.yaml:3:${HEAD.length - "integrations:\n  - name: a\n".length + 1}: control character ${code} is not allowed in YAML; remove it and run again`);
    }
  });

  const ESCAPED_NAME = 'integrations:\n  - name: "a\\e]0;owned\\a"\n    destination: https://a.example.com\n';

  it("an escape written out in a double-quoted name: validate's problem line shows it escaped", () => {
    const { result } = runOn(ESCAPED_NAME, VALIDATE);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('config.yaml:2: integrations[0].name: "a\\u001b]0;owned\\u0007" may contain only');
    expect(result.stdout).not.toContain("\u001b");
  });

  // The trap: validate's "has no incoming_auth" warning names the block, and list --configured's table shows
  // names and destinations; printed raw, a name written as "a\e]0;owned\a" sends ESC ] 0;owned BEL, a
  // terminal title escape, to the user's terminal. Expected: no raw control character in any output
  // (escaped, e.g. as JSON.stringify does in validate's problem lines).
  it.each([
    ["validate", VALIDATE],
    ["list --configured", ["list", "--configured", "-file", "config.yaml"]],
  ])("%s never prints a raw control character from the file", (_, args) => {
    const { result } = runOn(ESCAPED_NAME, args);
    expect(result.stdout + result.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });

  it("look-alikes YAML allows are kept byte for byte: NEL, a BOM inside, U+FFFD, an emoji, U+10FFFF, a tab", () => {
    const head = `integrations:\n  - name: a # \u0085 \ufeff \ufffd \u{1f600} \u{10ffff} \t.\n    destination: https://a.example.com\n`;
    const { result, bytes } = runOn(head, ADD);
    expect(result).toEqual({ code: 0, stdout: "added slack to config.yaml (lines 4–21)\n", stderr: "" });
    expect(bytes().toString("utf8")).toBe(head + slackBlock());
    assertValidConfig(bytes().toString("utf8"));
  });
});
