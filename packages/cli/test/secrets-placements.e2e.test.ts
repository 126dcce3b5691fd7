/**
 * End to end: credentials in the places the matrix of secrets.e2e.test.ts does not
 * reach — a PEM block given on the command line (read as a flag, it was echoed whole), a token in a
 * destination's path or fragment, a token as `--name`, a token only in an error message — each in
 * every output mode (text, `--json`, `--debug`, `--dry-run`). The line: a credential by form (PEM,
 * JWT, vendor tokens) is refused where it would be written; one known only by its entropy (a hex
 * run, a random id) is accepted and masked wherever it is printed.
 */
import { describe, expect, it } from "vitest";
import { assertValidConfig, configSandbox, failureProblems, leakIn, PEM_KEY, runCliEach, schemaProblems, slackBlock, TOKEN_SHAPES, UNMIXED_TOKENS, type CliResult } from "@integrations/test-utils";

const MODES: readonly string[][] = [[], ["--json"], ["--debug"], ["--dry-run"], ["--json", "--debug", "--dry-run"]];
const TOKENS = TOKEN_SHAPES.map((s) => s.token);
const PEM_BODY = PEM_KEY.split("\n").slice(1, -1).join("\n");
const SECRETS = [...TOKENS, PEM_BODY];
const [SLACK, GITHUB, JWT] = [TOKENS[0]!, TOKENS[4]!, TOKEN_SHAPES.find((s) => s.shape === "JWT")!.token];

function expectHidden(result: CliResult, context: string, also: readonly string[] = []): void {
  const leak = leakIn(result, [...SECRETS, ...also]);
  if (leak !== undefined) expect.fail(`${context}: ${leak}`);
}

/** The runs of `argsList` in `dir`, overlapping: for runs that are refused or dry, so that none changes what another reads. */
const runEach = (dir: string, argsList: readonly (readonly string[])[]) => runCliEach(argsList.map((args) => ({ args, cwd: dir })));

/** A sandbox holding a valid config (one slack block) and a check that a run left it byte for byte. */
function sandbox() {
  const before = `integrations:\n${slackBlock()}`;
  assertValidConfig(before);
  const box = configSandbox(before);
  return { ...box, runEach: (argsList: readonly (readonly string[])[]) => runEach(box.dir, argsList), expectUntouched: (context: string) => expect(box.text(), context).toBe(before) };
}

describe("a PEM block on the command line", () => {
  /** Where a PEM key may be typed, and the exit code: refused as a raw credential (1), or a stray argument (2). */
  const PLACES: readonly { args: string[]; code: number; says: RegExp }[] = [
    { args: ["slack", "-token", PEM_KEY, "-signing-secret", "env:S"], code: 1, says: /--token: looks like a raw credential \(----… \(\d+ chars\)\)/ },
    { args: ["slack", "-signing-secret", "env:S", "--token", PEM_KEY], code: 1, says: /--token: looks like a raw credential/ },
    { args: ["slack", "-signing-secret", "env:S", `--token=${PEM_KEY}`], code: 1, says: /--token: looks like a raw credential/ },
    { args: ["openai", "--token", "env:T", "--incoming-token", PEM_KEY], code: 1, says: /--incoming-token: looks like a raw credential/ },
    { args: ["update", "slack", "-token", "env:T", "-signing-secret", PEM_KEY], code: 1, says: /--signing-secret: looks like a raw credential/ },
    { args: ["slack", "-token", "env:T", "-signing-secret", "env:S", PEM_KEY], code: 2, says: /unknown flag ----… \(\d+ chars\)/ },
    { args: ["delete", PEM_KEY], code: 2, says: /unknown option '----… \(\d+ chars\)'/ },
  ];

  it(`is refused and never echoed: ${PLACES.length} places × ${MODES.length} output modes`, async () => {
    const box = sandbox();
    const cases = PLACES.flatMap(({ args: place, code, says }) => MODES.map((mode) => ({ code, says, args: [...place, ...mode], context: `${place.slice(0, 3).join(" ")} ${mode.join(" ")}` })));
    const results = await box.runEach(cases.map((c) => c.args));
    cases.forEach(({ code, says, args, context }, k) => {
      const result = results[k]!;
      expect(failureProblems(result, args, code), context).toEqual([]);
      expect(result.stderr, context).toMatch(says);
      expectHidden(result, context);
    });
    box.expectUntouched("after every refused run");
  }, 300_000);
});

describe("a credential in a destination's path or fragment", () => {
  it("is refused in every output mode, not echoed", async () => {
    const box = sandbox();
    const destinations = [
      `https://hooks.slack.com/services/${SLACK}`,
      `https://api.example.com/v1/${encodeURIComponent(GITHUB)}/repos`,
      `https://app.example.com/callback#access_token=${TOKENS[14]}&state=2`,
      `https://app.example.com/callback#${JWT}`,
      `https://api.example.com/v1?q=${GITHUB}`,
      `https://api.example.com/v1/key_${SLACK}/send`,
    ];
    const cases = destinations.flatMap((destination, i) =>
      [MODES[i % MODES.length]!, MODES[(i + 2) % MODES.length]!].map((mode) => ({
        args: ["openai", "--token", "env:T", "--destination", destination, ...mode],
        context: `${destination.slice(0, 40)} ${mode.join(" ")}`,
      })),
    );
    const results = await box.runEach(cases.map((c) => c.args));
    cases.forEach(({ args, context }, k) => {
      const result = results[k]!;
      expect(failureProblems(result, args, 1), context).toEqual([]);
      expect(result.stderr, context).toMatch(/--destination: .* carries a credential in (its path|its fragment|the (query|fragment) parameter)/);
      expectHidden(result, context);
    });
    box.expectUntouched("after every refused run");
  }, 120_000);

  it("known only by entropy (a webhook secret, a SHA, a UUID) is written, and masked by --dry-run, --json and list --configured", async () => {
    const box = sandbox();
    const secret = TOKENS[14]!.slice(0, 24);
    const sha = TOKEN_SHAPES.find((s) => s.shape === "hex")!.token;
    const written = [
      { name: "hook", destination: `https://hooks.slack.com/services/T0ABCDEF1/B0ABCDEF2/${secret}`, shown: "https://hooks.slack.com/services/T0ABCDEF1/B0ABCDEF2/…" },
      { name: "pinned", destination: `https://raw.example.com/acme/${sha}/api`, shown: "https://raw.example.com/acme/…/api" },
      { name: "tenant", destination: "https://api.example.com/tenants/acme-prod-eu-west-1/v2", shown: "https://api.example.com/tenants/acme-prod-eu-west-1/v2" },
      { name: "org", destination: "https://api.example.com/orgs/8c3f2a1b-4d5e-4f60-8a7b-9c0d1e2f3a4b/v2", shown: "https://api.example.com/orgs/…/v2" },
    ];
    for (const { name, destination } of written) {
      const modes = [["--dry-run"], ["--dry-run", "--json"]];
      const dries = await box.runEach(modes.map((mode) => ["openai", "--name", name, "--token", "env:T", "--destination", destination, ...mode]));
      for (const [k, mode] of modes.entries()) {
        const result = dries[k]!;
        expect(result.code, result.stderr).toBe(0);
        expectHidden(result, `${name} ${mode.join(" ")}`); // the webhook secret is a part of a token of SECRETS
      }
      const write = box.run("openai", "--name", name, "--token", "env:T", "--destination", destination, "--json");
      expect(write.code, write.stderr).toBe(0);
    }
    assertValidConfig(box.text());
    for (const { destination } of written) expect(box.text()).toContain(destination);
    const [table, json] = (await box.runEach([
      ["list", "--configured"],
      ["list", "--configured", "--json"],
    ])) as [CliResult, CliResult];
    for (const { name, shown } of written) {
      expect(table.stdout).toMatch(new RegExp(`^${name} +${shown.replace(/[.?*+^$()[\]{}|\\/]/g, "\\$&")}$`, "m"));
      expect(JSON.parse(json.stdout)).toContainEqual(expect.objectContaining({ name, destination: shown }));
    }
    for (const result of [table, json]) {
      expect(result.stdout).not.toContain(secret);
      expect(result.stdout).not.toContain(sha.slice(4, 16));
    }
  }, 120_000);
});

describe("a credential as --name", () => {
  it("is refused when it is one by form, accepted and masked when only its entropy tells; in every output mode", async () => {
    const box = sandbox();
    const argsList = TOKEN_SHAPES.map(({ form }, i) => {
      const mode = MODES[i % MODES.length]!;
      return ["stripe", "--name", TOKEN_SHAPES[i]!.token, "--token", "env:T", ...(form ? mode : ["--dry-run", ...mode.filter((m) => m !== "--dry-run")])];
    });
    const results = await box.runEach(argsList);
    TOKEN_SHAPES.forEach(({ shape, token, form }, i) => {
      const args = argsList[i]!;
      const context = `${shape} ${args.slice(5).join(" ")}`;
      const result = results[i]!;
      if (form) {
        expect(failureProblems(result, args, 1), context).toEqual([]);
        expect(result.stderr, context).toMatch(/--name: looks like a credential \(.{0,4}… \(\d+ chars\)\), not a name/);
      } else {
        expect(result.code, `${context}\n${result.stderr}`).toBe(0); // tenant ids and SHAs stay usable as names
        if (args.includes("--json")) expect(JSON.parse(result.stdout).integration, context).toMatch(/^.{4}… \(\d+ chars\)$/);
      }
      expectHidden(result, context, [token.toLowerCase()]); // a name is written in lower case
    });
    box.expectUntouched("every run refused or dry");
  }, 120_000);

  it("only in an error message (delete of a name that is not there) is masked, hex shapes included", async () => {
    const box = sandbox();
    const argsList = TOKEN_SHAPES.map(({ token }, i) => ["delete", token, ...MODES[i % MODES.length]!]);
    const results = await box.runEach(argsList);
    TOKEN_SHAPES.forEach(({ shape }, i) => {
      const mode = MODES[i % MODES.length]!;
      const args = argsList[i]!;
      const result = results[i]!;
      expect(failureProblems(result, args, 1), shape).toEqual([]);
      expect(result.stderr, shape).toMatch(/no integration named/);
      expectHidden(result, `delete ${shape} ${mode.join(" ")}`);
    });
    box.expectUntouched("after every refused run");
  }, 120_000);
});

describe("a vendor token whose random part holds no digit (xoxb-<digits>-<digits>-<letters>)", () => {
  const UNMIXED = UNMIXED_TOKENS.map((s) => s.token);

  it("is refused as --name and as --incoming-header, in every output mode, and never echoed", async () => {
    const box = sandbox();
    const cases = UNMIXED_TOKENS.flatMap(({ shape, token }, i) => {
      const mode = MODES[i % MODES.length]!;
      const places = [
        { args: ["slack", "--name", token, ...mode], says: /--name: looks like a credential \(.{4}… \(\d+ chars\)\), not a name/ },
        {
          args: ["slack", "--name", "api", "--incoming-token", "env:IN", "--incoming-header", token, ...mode],
          says: /--incoming-header: looks like a credential \(.{4}… \(\d+ chars\)\), not a header name/,
        },
      ];
      return places.map(({ args: place, says }) => ({
        says,
        args: [...place.slice(0, 1), "-token", "env:T", "-signing-secret", "env:S", ...place.slice(1)],
        context: `${shape}: ${place.slice(1, 2).join(" ")} ${place.includes("--incoming-header") ? "--incoming-header" : ""} ${mode.join(" ")}`,
      }));
    });
    const results = await box.runEach(cases.map((c) => c.args));
    cases.forEach(({ says, args, context }, k) => {
      const result = results[k]!;
      expect(failureProblems(result, args, 1), context).toEqual([]);
      expect(result.stderr, context).toMatch(says);
      expectHidden(result, context, UNMIXED);
    });
    box.expectUntouched("after every refused run");
  }, 120_000);

  it("is an error in validate as a name, a header and in a prefix, each masked, though the proxy's schema takes the file", async () => {
    const boxes = UNMIXED_TOKENS.map(({ shape, token }) => {
      const text = [
        "integrations:",
        `  - name: ${token}`,
        "    destination: https://api.example.com",
        "    incoming_auth:",
        "      - type: token",
        `        params: {header: ${token}, secrets: [env:IN_TOKEN]}`,
        "    outgoing_auth:",
        "      - type: token",
        `        params: {header: Authorization, prefix: "Bearer ${token}", secrets: [env:OUT_TOKEN]}`,
        "",
      ].join("\n");
      expect(
        schemaProblems(text).filter((p) => p.startsWith("schema ")),
        shape,
      ).toEqual([]);
      return { shape, text, box: configSandbox(text) };
    });
    // validate only reads: every token's runs overlap.
    const cases = boxes.flatMap((b) => [[], ["--json"]].map((mode) => ({ ...b, mode })));
    const results = await runCliEach(cases.map(({ box, mode }) => ({ args: ["validate", ...mode], cwd: box.dir })));
    cases.forEach(({ shape, mode }, k) => {
      const result = results[k]!;
      const context = `${shape} ${mode.join(" ")}`;
      expect(result.code, context).toBe(1);
      const problems = mode.length === 0 ? result.stdout : (JSON.parse(result.stdout) as { problems: { path: string; message: string }[] }).problems.map((p) => `${p.path}: ${p.message}`).join("\n");
      expect(problems, context).toMatch(/integrations\[0\]\.name: looks like a credential \(.{4}… \(\d+ chars\)\), not a name/);
      expect(problems, context).toMatch(/integrations\[0\]\.incoming_auth\[0\]\.params\.header: holds a credential/);
      expect(problems, context).toMatch(/integrations\[0\]\.outgoing_auth\[0\]\.params\.prefix: holds a credential/);
      expectHidden(result, context, UNMIXED);
    });
    for (const { shape, text, box } of boxes) expect(box.text(), shape).toBe(text);
  }, 120_000);
});

it("the PEM key is a multi-line block whose body the 12-character check can see", () => {
  expect(PEM_KEY.split("\n").length).toBeGreaterThan(5);
  expect(PEM_BODY.length).toBeGreaterThan(300);
});
