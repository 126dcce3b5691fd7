/**
 * End to end: credentials are never shown. Every credential shape is tried in
 * every place a secret reference is expected (each secret flag of several built-ins, the common
 * `--incoming-token`, as the id of an `env:` reference, in a plugin's block) and through every output
 * channel (the plain error, `--json`, `--debug`, `--dry-run`; `list --configured`, `validate`, `delete`
 * and `update --dry-run` on a hand-written config holding them). Each run asserts that no 12
 * consecutive characters of any token appear on stdout or stderr (the mask shows the first 4 at most)
 * and that a refused run exits 1 with the config file byte for byte as it was.
 *
 * The tokens are built in test-utils from parts and a seeded pseudo-random body, so this file holds
 * no credential-shaped literal for a secret scanner to flag. The other placements (a PEM block
 * on the command line, tokens in URL paths, names and plugin params) are in secrets-placements.e2e.test.ts.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { assertValidConfig, failureProblems, leakIn, makeTempDir, PEM_KEY, runCli, runCliEach, slackBlock, TOKEN_SHAPES, trustPlugins, writePackage, type CliResult } from "@integrations/test-utils";

/** One token of every credential shape the CLI recognises (plus a few siblings), labelled: see test-utils' tokens.ts. */
const SHAPES = TOKEN_SHAPES;
const TOKENS = SHAPES.map((s) => s.token);

/** What is secret in a PEM block: its lines between the header and the footer (a diff's context may show the footer alone). */
const PEM_BODY = PEM_KEY.split("\n").slice(1, -1).join("\n");

/** Tokens that are also valid environment variable names: tried as the id of `env:<token>`. */
const ENV_VALID = SHAPES.filter((s) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(s.token));

/** The secret flags tried, on built-ins that need only them. */
const FLAGS: readonly { integration: string; flag: string; others: string[] }[] = [
  { integration: "slack", flag: "--token", others: ["--signing-secret", "env:S"] },
  { integration: "slack", flag: "-signing-secret", others: ["-token", "env:T"] },
  { integration: "github", flag: "--token", others: ["--webhook-secret", "env:W"] },
  { integration: "github", flag: "--webhook-secret", others: ["--token", "env:T"] },
  { integration: "openai", flag: "--token", others: [] },
  { integration: "stripe", flag: "--token", others: [] },
  { integration: "gitlab", flag: "--token", others: [] },
  { integration: "sendgrid", flag: "--token", others: [] },
  { integration: "openai", flag: "--incoming-token", others: ["--token", "env:T"] },
];

/** The output modes; every (shape, mode) and (flag, mode) pair is covered. */
const MODES: readonly string[][] = [[], ["--json"], ["--debug"], ["--dry-run"], ["--json", "--debug", "--dry-run"]];

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/** Fails when any 12 consecutive characters of any token appear on stdout or stderr. */
function expectHidden(result: CliResult, context: string, tokens: readonly string[] = TOKENS): void {
  const leak = leakIn(result, tokens);
  if (leak !== undefined) expect.fail(`${context}: ${leak}`);
}

/** A refused run: exit 1, one `error:` line (plus a stack only with --debug), JSON on stdout with --json. */
function expectRefused(result: CliResult, args: readonly string[], context: string): void {
  expect(failureProblems(result, args, 1), context).toEqual([]);
}

/** A temp dir holding a valid config.yaml (one slack block), and a check that it is unchanged. */
function sandbox(): { dir: string; runEach(argsList: readonly string[][]): Promise<CliResult[]>; expectUntouched(context: string): void } {
  const before = `integrations:\n${slackBlock()}`;
  assertValidConfig(before);
  const dir = makeTempDir({ "config.yaml": before });
  return {
    dir,
    // The runs here are refused or dry: none changes the file another reads, so they may overlap.
    runEach: (argsList) => runCliEach(argsList.map((args) => ({ args, cwd: dir }))),
    expectUntouched: (context) => expect(readFileSync(join(dir, "config.yaml"), "utf8"), context).toBe(before),
  };
}

// ---------------------------------------------------------------------------------------------
// 1. Refused wherever a secret reference is expected
// ---------------------------------------------------------------------------------------------

describe("a credential where a secret reference is expected is refused and never shown", () => {
  it(`every shape (${SHAPES.length}) × every output mode (${MODES.length}), the ${FLAGS.length} secret flags rotating`, async () => {
    const box = sandbox();
    const flagsUsed = new Set<number>();
    const cases = SHAPES.flatMap(({ shape, token }, i) =>
      MODES.map((mode, j) => {
        const { integration, flag, others } = FLAGS[(i + j) % FLAGS.length]!;
        flagsUsed.add((i + j) % FLAGS.length);
        return { flag, args: [integration, ...others, flag, token, ...mode], context: `${shape} as ${integration} ${flag} ${mode.join(" ")}` };
      }),
    );
    const results = await box.runEach(cases.map((c) => c.args));
    cases.forEach(({ flag, args, context }, k) => {
      const result = results[k]!;
      expectRefused(result, args, context);
      expect(result.stderr, context).toContain(flag.replace(/^-+/, "--"));
      expect(result.stderr, context).toMatch(/raw credential|not a secret reference/);
      expectHidden(result, context);
    });
    box.expectUntouched("after every refused run");
    expect(flagsUsed.size).toBe(FLAGS.length);
  }, 300_000);

  it("as the id of a reference (env:<token>), and as dangerousLiteral:<token> without --allow-dangerous-literal", async () => {
    const box = sandbox();
    const asIds = ENV_VALID.map(({ token }) => ["slack", "-token", `env:${token}`, "-signing-secret", "env:S", "--json", "--debug"]);
    const asLiterals = SHAPES.map(({ token }, i) => ["github", "--token", "env:T", "--webhook-secret", `dangerousLiteral:${token}`, ...MODES[i % MODES.length]!]);
    const results = await box.runEach([...asIds, ...asLiterals]);
    ENV_VALID.forEach(({ shape }, k) => {
      const result = results[k]!;
      expectRefused(result, asIds[k]!, `env:${shape}`);
      expect(result.stderr).toMatch(/looks like the credential itself|invalid env reference/);
      expectHidden(result, `env:${shape}`);
    });
    SHAPES.forEach(({ shape }, i) => {
      const result = results[asIds.length + i]!;
      expectRefused(result, asLiterals[i]!, `dangerousLiteral:${shape}`);
      expect(result.stderr).toContain("--allow-dangerous-literal");
      expectHidden(result, `dangerousLiteral:${shape}`);
    });
    box.expectUntouched("after every refused run");
  }, 120_000);

  it("a destination carrying credentials (user info, ?api_key=, ?token=, ?access_token=) is refused and not echoed", async () => {
    const box = sandbox();
    const [a, b, c, d] = [TOKENS[4]!, TOKENS[10]!, TOKENS[14]!, TOKENS[7]!];
    const destinations = [
      `https://ci:${a}@api.example.com/v1`,
      `https://${c}@api.example.com`,
      `https://api.example.com/v1?api_key=${b}`,
      `https://api.example.com/?page=2&token=${c}`,
      `https://api.example.com/?access_token=${d}`,
      `https://api.example.com/?API_KEY=${a}`,
    ];
    const argsList = destinations.map((destination, i) => ["openai", "--token", "env:T", "--destination", destination, ...MODES[i % MODES.length]!]);
    const results = await box.runEach(argsList);
    destinations.forEach((destination, i) => {
      const result = results[i]!;
      expectRefused(result, argsList[i]!, destination.slice(0, 30));
      expect(result.stderr).toMatch(/user info|credential in the query parameter/);
      expectHidden(result, `destination ${i}`);
    });
    box.expectUntouched("after every refused run");
  });
});

// ---------------------------------------------------------------------------------------------
// 2. A plugin that puts a credential in its block
// ---------------------------------------------------------------------------------------------

describe("a plugin whose block holds a credential", () => {
  /** A project with a plugin that returns $LEAK_SECRET as its secret, $LEAK_DESTINATION as its destination, $LEAK_HEADER and $LEAK_PREFIX as its header and prefix. */
  function leakyProject(): string {
    const root = makeTempDir({ "package.json": JSON.stringify({ name: "p", private: true, dependencies: { "integrations-plugin-leaky": "1.0.0" } }) });
    const source = [
      "export default {",
      '  apiVersion: 1, name: "leaky", description: "leaky API",',
      '  flags: { token: { type: "secret", required: true, description: "token ref" } },',
      '  build: (f) => ({ name: f.name, destination: process.env.LEAK_DESTINATION || "https://leaky.example.com",',
      '    outgoing_auth: [{ type: "token", params: { header: process.env.LEAK_HEADER || "Authorization", secrets: [process.env.LEAK_SECRET || f.token],',
      "      ...(process.env.LEAK_PREFIX ? { prefix: process.env.LEAK_PREFIX } : {}) } }] }),",
      "};",
      "",
    ].join("\n");
    writePackage(join(root, "node_modules", "integrations-plugin-leaky"), {
      "package.json": JSON.stringify({ name: "integrations-plugin-leaky", version: "1.0.0", type: "module", main: "index.js", integrationsPlugin: { apiVersion: 1, integrations: ["leaky"] } }),
      "index.js": source,
    });
    // In process: the plugin takes what it leaks from $LEAK_*, and a sandboxed plugin sees no environment.
    // The host checks a sandboxed plugin's block the same way (build-block.ts).
    trustPlugins(root, ["integrations-plugin-leaky"]);
    return root;
  }

  it("is refused (exit 1, naming the field), the token masked, for every shape; so is a credential-carrying destination", async () => {
    const root = leakyProject();
    const ok = runCli(["leaky", "--token", "env:T", "-file", "ok.yaml"], { cwd: root });
    expect(ok.code, ok.stderr).toBe(0); // the fixture itself works
    assertValidConfig(readFileSync(join(root, "ok.yaml"), "utf8"));

    // Every run below is refused, so none writes c.yaml: they may overlap.
    const jobs = SHAPES.map(({ token }, i) => ({ args: ["leaky", "--token", "env:T", "-file", "c.yaml", ...MODES[i % MODES.length]!], cwd: root, env: { LEAK_SECRET: token } }));
    const destinationJob = { args: ["leaky", "--token", "env:T", "-file", "c.yaml", "--json"], cwd: root, env: { LEAK_DESTINATION: `https://u:${TOKENS[0]}@leaky.example.com/?key=${TOKENS[1]}` } };
    const results = await runCliEach([...jobs, destinationJob]);
    SHAPES.forEach(({ shape }, i) => {
      const result = results[i]!;
      expectRefused(result, jobs[i]!.args, shape);
      expect(result.stderr).toContain("outgoing_auth[0].params.secrets[0]");
      expectHidden(result, `plugin block ${shape}`);
    });
    const destination = results.at(-1)!;
    expectRefused(destination, ["--json"], "destination");
    expectHidden(destination, "plugin destination");
    expect(existsSync(join(root, "c.yaml"))).toBe(false);
  }, 120_000);

  it("sandboxed, the same: a credential its block holds (from a file of its own package) is refused and masked", () => {
    const root = makeTempDir({ "package.json": JSON.stringify({ name: "p", private: true }) });
    const dir = join(root, "node_modules", "integrations-plugin-baked");
    const source = [
      `import { readFileSync } from "node:fs";`,
      `const leak = readFileSync(new URL("./leak.txt", import.meta.url), "utf8").trim();`,
      "export default {",
      '  apiVersion: 1, name: "baked", description: "baked API",',
      '  flags: { token: { type: "secret", required: true, description: "token ref" } },',
      '  build: (f) => ({ name: f.name, destination: "https://baked.example.com", outgoing_auth: [{ type: "token", params: { header: "Authorization", secrets: [leak] } }] }),',
      "};",
      "",
    ].join("\n");
    const { shape, token } = SHAPES[0]!;
    writePackage(dir, {
      "package.json": JSON.stringify({ name: "integrations-plugin-baked", version: "1.0.0", type: "module", main: "index.js", integrationsPlugin: { apiVersion: 1, integrations: ["baked"] } }),
      "index.js": source,
      "leak.txt": `${token}\n`,
    });
    const args = ["baked", "--token", "env:T", "-file", "c.yaml"];
    const result = runCli(args, { cwd: root });
    expectRefused(result, args, shape);
    expect(result.stderr).toContain("outgoing_auth[0].params.secrets[0]");
    expectHidden(result, `sandboxed plugin block ${shape}`);
    expect(existsSync(join(root, "c.yaml"))).toBe(false);
  });

  it("in params.prefix or params.header: refused for every credential by form, masked when only its entropy tells", async () => {
    const root = leakyProject();
    // Each run is refused or a dry run, so none writes c.yaml: they may overlap.
    const cases = SHAPES.flatMap(({ shape, token, form }, i) =>
      (
        [
          ["LEAK_PREFIX", `Bearer ${token}`, "prefix"],
          ["LEAK_HEADER", token, "header"],
          // Glued to the text before it: only a credential by form is refused there.
          ...(form ? ([["LEAK_PREFIX", `Bearer_${token}`, "prefix"]] as const) : []),
        ] as const
      ).map(([variable, value, field]) => {
        const mode = MODES[(i + field.length) % MODES.length]!;
        const args = ["leaky", "--token", "env:T", "-file", "c.yaml", ...(form ? mode : ["--dry-run", ...mode.filter((m) => m !== "--dry-run")])];
        return { form, field, args, cwd: root, env: { [variable]: value }, context: `${shape} in ${field}${value.startsWith("Bearer_") ? ", glued" : ""} ${args.slice(5).join(" ")}` };
      }),
    );
    const results = await runCliEach(cases);
    cases.forEach(({ form, field, args, context }, k) => {
      const result = results[k]!;
      if (form) {
        expectRefused(result, args, context);
        expect(result.stderr, context).toContain(`outgoing_auth[0].params.${field}: holds a credential`);
      } else {
        expect(result.code, `${context}\n${result.stderr}`).toBe(0); // refusal never rests on entropy alone
        expect(result.stdout, context).toMatch(new RegExp(`${field}: .*… \\(\\d+ chars\\)`)); // written, shown masked
      }
      expectHidden(result, context);
    });
    expect(existsSync(join(root, "c.yaml"))).toBe(false);
  }, 120_000);
});

// ---------------------------------------------------------------------------------------------
// 3. dangerousLiteral: allowed, warned about, masked everywhere
// ---------------------------------------------------------------------------------------------

describe("dangerousLiteral: with --allow-dangerous-literal", () => {
  it("is written with a warning, and masked in the --dry-run diff, --json, list --configured and validate", async () => {
    const dir = makeTempDir();
    const written: string[] = [];
    // Each shape's write changes the file the next shape's runs read: the shapes go one after another.
    for (const [i, { shape, token }] of SHAPES.entries()) {
      const base = ["stripe", "--name", `lit${i}`, "--token", `dangerousLiteral:${token}`, "--allow-dangerous-literal"];
      const before = existsSync(join(dir, "config.yaml")) ? readFileSync(join(dir, "config.yaml"), "utf8") : undefined;
      const modes = [["--dry-run"], ["--dry-run", "--json"]];
      const dries = await runCliEach(modes.map((mode) => ({ args: [...base, ...mode], cwd: dir })));
      for (const [k, mode] of modes.entries()) {
        const dry = dries[k]!;
        expect(dry.code, dry.stderr).toBe(0);
        expect(dry.stderr).toMatch(/^warning: .*dangerousLiteral/m);
        expect(mode.includes("--json") ? JSON.parse(dry.stdout).diff : dry.stdout).toMatch(/\+ +- dangerousLiteral:.{4}… \(\d+ chars\)/);
        expectHidden(dry, `${shape} ${mode.join(" ")}`);
      }
      const after = existsSync(join(dir, "config.yaml")) ? readFileSync(join(dir, "config.yaml"), "utf8") : undefined;
      expect(after, "a dry run writes nothing").toBe(before);
      const write = runCli([...base, ...(i % 2 ? ["--json"] : [])], { cwd: dir });
      expect(write.code, write.stderr).toBe(0);
      expect(write.stderr).toMatch(/^warning: .*holds a dangerousLiteral: secret in plain text/m);
      expectHidden(write, `${shape} write`);
      written.push(token);
    }
    const text = readFileSync(join(dir, "config.yaml"), "utf8");
    // The file holds what the user allowed, in plain text; apart from the literals it is a valid config.
    for (const token of written) expect(text).toContain(`dangerousLiteral:${token}`);
    assertValidConfig(text.replace(/dangerousLiteral:\S+/g, "env:LITERAL"));

    const readers = [
      ["list", "--configured"],
      ["list", "--configured", "--json"],
      ["validate"],
      ["validate", "--json"],
      ["validate", "--allow-dangerous-literal"],
      ["validate", "--allow-dangerous-literal", "--json", "--debug"],
      ["delete", "lit3", "--dry-run"],
      ["delete", "lit4", "--dry-run", "--json"],
    ];
    const results = await runCliEach(readers.map((args) => ({ args, cwd: dir })));
    for (const [k, args] of readers.entries()) {
      const result = results[k]!;
      expect(result.code, `${args.join(" ")}\n${result.stderr}`).toBe(args[0] === "validate" && !args.includes("--allow-dangerous-literal") ? 1 : 0);
      expectHidden(result, args.join(" "));
    }
    expect(readFileSync(join(dir, "config.yaml"), "utf8")).toBe(text);
  }, 120_000);
});

// ---------------------------------------------------------------------------------------------
// 4. A hand-written config holding credentials
// ---------------------------------------------------------------------------------------------

describe("a hand-written config holding credentials", () => {
  /** One block per shape: the token raw, as an env: id, as a literal, in a prefix, and in the destination's user info and query; and a PEM block. */
  function handWritten(): string {
    const blocks = SHAPES.map(({ token }, i) =>
      [
        `  - name: hand${i}`,
        `    destination: https://bot:${token}@api${i}.example.com/v1?api_key=${token}`,
        "    outgoing_auth:",
        "      - type: token",
        "        params:",
        "          header: Authorization",
        `          prefix: "Bearer ${token} "`,
        "          secrets:",
        `            - ${token}`,
        `            - dangerousLiteral:${token}`,
        ...(ENV_VALID.some((s) => s.token === token) ? [`            - env:${token}`] : []),
        "",
      ].join("\n"),
    );
    // A private key pasted by hand: as a block scalar in a prefix, and quoted in the secrets.
    const pem = [
      "  - name: pem",
      "    destination: https://pem.example.com",
      "    outgoing_auth:",
      "      - type: token",
      "        params:",
      "          header: Authorization",
      "          prefix: |",
      ...PEM_KEY.split("\n").map((line) => `            ${line}`),
      "          secrets:",
      `            - ${JSON.stringify(PEM_KEY)}`,
      "",
    ].join("\n");
    return `integrations:\n${blocks.join("")}${pem}`;
  }

  const READERS: string[][] = [
    ["list", "--configured"],
    ["list", "--configured", "--json"],
    ["validate"],
    ["validate", "--json"],
    ["validate", "--debug"],
    ["validate", "--allow-dangerous-literal", "--json"],
    ["delete", "hand0", "--dry-run"],
    ["delete", "hand14", "--dry-run", "--json"],
    ["delete", "hand7", "--dry-run", "--debug"],
    ["slack", "-token", "env:T", "-signing-secret", "env:S", "--dry-run"],
    ["update", "slack", "-token", "env:T", "-signing-secret", "env:S", "--dry-run", "--json"],
    ["delete", "pem", "--dry-run"],
    ["delete", "pem", "--dry-run", "--json", "--debug"],
    ["update", "slack", "--name", "pem", "-token", "env:T", "-signing-secret", "env:S", "--dry-run"],
    ["update", "slack", "--name", "pem", "-token", "env:T", "-signing-secret", "env:S", "--dry-run", "--json"],
  ];

  it(`is never shown in full by ${READERS.length} read and dry-run commands, and is left as it is`, async () => {
    const text = handWritten();
    const dir = makeTempDir({ "config.yaml": text });
    const [validate, ...results] = await runCliEach([["validate", "--json"], ...READERS].map((args) => ({ args, cwd: dir })));
    for (const [k, args] of READERS.entries()) {
      const result = results[k]!;
      const context = args.join(" ");
      expect([0, 1], `${context}\n${result.stderr}`).toContain(result.code);
      expect(result.stdout + result.stderr, `${context} printed something`).not.toBe("");
      expectHidden(result, context, [...TOKENS, PEM_BODY]);
    }
    const problems = (JSON.parse(validate!.stdout) as { problems: { path: string }[] }).problems.map((p) => p.path);
    for (let i = 0; i < SHAPES.length; i++) {
      expect(problems, `block ${i}`).toContain(`integrations[${i}].destination`);
      expect(problems, `block ${i}`).toContain(`integrations[${i}].outgoing_auth[0].params.secrets[0]`);
    }
    for (const { token } of ENV_VALID) {
      const i = TOKENS.indexOf(token);
      expect(problems, `env: id of block ${i}`).toContain(`integrations[${i}].outgoing_auth[0].params.secrets[2]`);
    }
    expect(readFileSync(join(dir, "config.yaml"), "utf8")).toBe(text);
  }, 120_000);

  it("a config that does not parse, with a token on the offending line: the error does not show it", async () => {
    const boxes = SHAPES.map(({ shape, token }, i) => {
      const broken =
        i % 2
          ? `integrations:\n  - name: x\n    destination: https://api.example.com\n    destination: https://u:${token}@api.example.com\n`
          : `integrations:\n  - name: x\n    outgoing_auth: [{ type: token, params: { secrets: [${token}] }\n`;
      return { shape, i, broken, dir: makeTempDir({ "config.yaml": broken }) };
    });
    // (An add does not re-read the other blocks, so it may succeed on a duplicate key: it runs as --dry-run.)
    const COMMANDS = [
      ["validate", "--json"],
      ["list", "--configured"],
      ["openai", "--token", "env:T", "--debug", "--dry-run"],
    ];
    const cases = boxes.flatMap((box) => COMMANDS.map((args) => ({ ...box, args })));
    const results = await runCliEach(cases.map(({ args, dir }) => ({ args, cwd: dir })));
    cases.forEach(({ shape, i, args }, k) => {
      const result = results[k]!;
      if (!(args[0] === "openai" && i % 2)) expect(result.code, `${shape} ${args.join(" ")}`).toBe(1);
      expectHidden(result, `${shape}, broken config, ${args.join(" ")}`);
    });
    for (const { dir, broken } of boxes) expect(readFileSync(join(dir, "config.yaml"), "utf8")).toBe(broken);
  }, 120_000);
});

it("the generated tokens are distinct and long enough for the 12-character check to mean something", () => {
  expect(new Set(TOKENS).size).toBe(SHAPES.length);
  for (const token of TOKENS) expect(token.length).toBeGreaterThanOrEqual(20);
});
