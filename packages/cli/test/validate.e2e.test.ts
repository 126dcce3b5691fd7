/**
 * End to end: `validate` gives the proxy's verdict. Each case says beside it what the proxy
 * (AuthTranslator: yaml.v3 with KnownFields, validateConfig, each auth plugin's ParseParams) does with
 * the same file: obtained by running that code (the proxy's structs, loadConfig, validateConfig and
 * the params' JSON decoding, with yaml.v3 3.0.1) on each YAML, or, marked "(read)", from the proxy's
 * source where the run did not reach (start-up secret loading, required params). An error (exit 1)
 * is a file the proxy refuses or a value that can never work; a warning (exit 0, exit 1 with --strict)
 * is one it accepts, with what it will actually do.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { assertValidConfig, configSandbox, runCli, TOKEN_SHAPES } from "@integrations/test-utils";

const INCOMING = "    incoming_auth:\n      - type: token\n        params: {header: X-Auth, secrets: [env:IN_TOKEN]}\n";
/** One block the proxy accepts as it is, with `extra` lines after its destination. */
const file = (extra = "", destination = "https://api.example.com") => `integrations:\n  - name: api\n    destination: ${destination}\n${extra}${INCOMING}`;

interface Finding {
  path: string;
  line: number | null;
  message: string;
  severity: string;
}
interface Report {
  file: string;
  valid: boolean;
  strict: boolean;
  problems: Finding[];
  warnings: Finding[];
}

function validate(text: string, ...flags: string[]) {
  const box = configSandbox(text);
  const result = box.run("validate", ...flags);
  expect(box.text(), "validate never writes").toBe(text);
  return result;
}

describe("validate: what the proxy accepts is valid, with a warning saying what it does", () => {
  it("the base file is valid as it stands (published schema and our rules; proxy: accepts)", () => {
    assertValidConfig(file());
    expect(validate(file())).toMatchObject({ code: 0, stdout: "config.yaml is valid (1 integration)\n", stderr: "" });
  });

  it.each([
    [
      "an empty window",
      "accepts; an empty window is unset: 1m",
      '    rate_limit_window: ""\n',
      4,
      "integrations[0].rate_limit_window: is empty, which the proxy reads as 1m; write a value or remove the key\n",
    ],
    ["a YAML 1.1 boolean", "accepts; reads yes as true", "    tls_insecure_skip_verify: yes\n", 4, "integrations[0].tls_insecure_skip_verify: `yes` is read as true; write true"],
    ["a float in an int field", "accepts; reads 1.5 as 1", "    in_rate_limit: 1.5\n", 4, "integrations[0].in_rate_limit: 1.5 is read as 1 (the proxy drops the fraction); write 1"],
    ["a bare number in a duration", 'accepts; reads "0", a valid duration', "    idle_conn_timeout: 0\n", 4, 'integrations[0].idle_conn_timeout: 0 is read as the string "0"; quote it to say so'],
    [
      "an empty limit",
      "accepts; null is 0, unlimited",
      "    out_rate_limit:\n",
      4,
      "integrations[0].out_rate_limit: is empty, which the proxy reads as 0, no limit; write a value or remove the key\n",
    ],
    ["a non-HTTP destination", "accepts ftp://; every request then fails", "", 3, '"ftp://api.example.com" uses the scheme ftp: the proxy accepts it, but it forwards HTTP requests only'],
  ])("%s (proxy: %s)", (_what, _proxy, extra, line, warning) => {
    const text = warning.includes("ftp") ? file(extra, "ftp://api.example.com") : file(extra);
    const result = validate(text);
    expect(result).toMatchObject({ code: 0, stdout: "config.yaml is valid (1 integration; 1 warning)\n" });
    expect(result.stderr).toMatch(new RegExp(`^warning: config\\.yaml:${line}: integrations\\[0\\]\\.`));
    expect(result.stderr).toContain(warning);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
  });

  it.each([
    ["", "accepts: an empty file (EOF) is no integrations"],
    ["# nothing yet\n", "accepts: no integrations"],
    ["integrations:\n", "accepts: integrations null"],
  ])("%j is valid, with a warning that it forwards nothing (proxy: %s)", (text) => {
    const result = validate(text);
    expect(result).toMatchObject({ code: 0, stdout: "config.yaml is valid (0 integrations; 1 warning)\n" });
    expect(result.stderr).toMatch(/^warning: config\.yaml(:1)?: holds no integrations: the proxy starts and forwards nothing\n$/);
  });

  it("--strict fails on the same warnings (exit 1), for CI; --json marks each finding's severity", () => {
    const text = file("    tls_insecure_skip_verify: yes\n    in_rate_limit: 1.5\n"); // proxy: accepts; true and 1
    const strict = validate(text, "--strict");
    expect(strict.code).toBe(1);
    expect(strict.stdout).toBe("2 warnings in config.yaml, failing under --strict\n");
    expect(strict.stderr.match(/^warning: /gm)).toHaveLength(2);
    const json = validate(text, "--json");
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as Report;
    expect(report).toMatchObject({ file: "config.yaml", valid: true, strict: false, problems: [] });
    expect(report.warnings.map((w) => [w.line, w.path, w.severity])).toEqual([
      [4, "integrations[0].tls_insecure_skip_verify", "warning"],
      [5, "integrations[0].in_rate_limit", "warning"],
    ]);
    const strictJson = validate(text, "--json", "--strict");
    expect(strictJson.code).toBe(1);
    expect(JSON.parse(strictJson.stdout)).toMatchObject({ valid: false, strict: true, problems: [] });
  });
});

describe("validate: what the proxy refuses is an error (exit 1), labelled so", () => {
  it.each([
    ["another top-level key", "refuses: field listen not found in type main.Config", `${file()}listen: ":8080"\n`, 7, 'unknown key "listen"'],
    ["an unknown key in a block", "refuses: field timeout not found in type main.Integration", file("    timeout: 5s\n"), 4, 'integrations[0]: unknown key "timeout"'],
    ["a quoted number in an int field", "refuses: cannot unmarshal !!str `5` into int", file('    in_rate_limit: "5"\n'), 4, "integrations[0].in_rate_limit: must be an integer, not a string"],
    ["a number in a bool field", "refuses: cannot unmarshal !!int `1` into bool", file("    disable_keep_alives: 1\n"), 4, "integrations[0].disable_keep_alives: must be true or false, not 1"],
    ["a bare number as the window", 'refuses: invalid rate_limit_window ("60")', file("    rate_limit_window: 60\n"), 4, 'integrations[0].rate_limit_window: "60" is not a Go duration'],
    [
      "a number in a string param",
      "refuses: json: cannot unmarshal number into …prefix of type string",
      file("    outgoing_auth:\n      - type: token\n        params: {header: X-T, prefix: 5, secrets: [env:T]}\n"),
      6,
      "integrations[0].outgoing_auth[0].params.prefix: must be a string, not 5",
    ],
    ["a type with required params and none", "refuses: missing secrets or header (read)", file("    outgoing_auth:\n      - type: token\n"), 5, "integrations[0].outgoing_auth[0].params: is required"],
    [
      "a number's spelling in a string field",
      'refuses: invalid response_header_timeout ("1.50", as written, is no duration)',
      file("    response_header_timeout: 1.50\n"),
      4,
      'integrations[0].response_header_timeout: "1.50" is not a Go duration',
    ],
    [
      "a mailto: destination",
      "refuses: invalid destination (no host)",
      file("", "mailto:ops@example.com"),
      3,
      'integrations[0].destination: "mailto:…@example.com" has no host: a destination is the http(s) URL of the API the proxy forwards requests to; write e.g. https://api.example.com',
    ],
  ])("%s (proxy: %s)", (_what, _proxy, text, line, error) => {
    const result = validate(text);
    expect(result.code).toBe(1);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(new RegExp(`^error: config\\.yaml:${line}: `));
    expect(lines[0]).toContain(error);
    expect(lines.at(-1)).toMatch(/^1 problem in config\.yaml($|; 1 warning$)/); // a bare 60 is also noted as read as "60"
    const report = JSON.parse(validate(text, "--json").stdout) as Report;
    expect(report.valid).toBe(false);
    expect(report.problems.map((p) => p.severity)).toEqual(["error"]);
  });

  it("an unknown key is reported on its own line, not its block's or the file's first (text and --json; a large file too)", () => {
    const colour = "    colour:\n      - red\n"; // a block value: the key's line, not the value's
    const small = `${file(colour)}listen: ":8080"\n`;
    const result = validate(small);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^error: config\.yaml:4: integrations\[0\]: unknown key "colour"; allowed keys: name, /m);
    expect(result.stdout).toMatch(/^error: config\.yaml:9: unknown key "listen"; allowed keys: integrations$/m);
    const report = JSON.parse(validate(small, "--json").stdout) as Report;
    expect(report.problems.map((p) => [p.line, p.path])).toEqual([
      [4, "integrations[0]"],
      [9, ""],
    ]);

    // Over 64 KiB the file is read a group of blocks at a time: the same lines.
    const block = (i: number) => `  - name: api-${i}\n    destination: https://api.example.com\n${i === 700 ? "    colour: red\n" : ""}${INCOMING}`;
    const blocks = Array.from({ length: 1000 }, (_, i) => block(i)).join("");
    const large = `integrations:\n${blocks}`;
    expect(large.length).toBeGreaterThan(64 * 1024);
    const at = large.split("\n").indexOf("    colour: red") + 1;
    expect(at).toBeGreaterThan(3000);
    const found = JSON.parse(validate(large, "--json").stdout) as Report;
    expect(found.problems.map((p) => [p.line, p.path])).toEqual([[at, "integrations[700]"]]);
  });

  it("a raw credential is an error though the proxy would start with it (proxy: accepts any prefix text)", () => {
    const raw = TOKEN_SHAPES.find((shape) => shape.token.startsWith("ghp_"))!.token;
    const result = validate(file(`    outgoing_auth:\n      - type: token\n        params: {header: X-T, prefix: "token ${raw}", secrets: [env:T]}\n`));
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^error: config\.yaml:6: integrations\[0\]\.outgoing_auth\[0\]\.params\.prefix: holds a credential/m);
    expect(result.stdout + result.stderr).not.toContain(raw);
  });
});

describe("validate --env: will the proxy start here?", () => {
  const MTLS = "    outgoing_auth:\n      - type: mtls\n        params: {cert: env:CLIENT_CERT, key: 'file:keys/client.key'}\n";

  it("an outgoing mtls cert or key that does not resolve fails, said to stop the start-up (proxy, read: refuses to start, load cert: CLIENT_CERT not set)", () => {
    const box = configSandbox(file(MTLS));
    const plain = box.run("validate");
    expect(plain.code, "without --env it cannot be known").toBe(0);
    const result = runCli(["validate", "--env"], { cwd: box.dir, env: { CLIENT_CERT: undefined, IN_TOKEN: "in-token-value" } });
    expect(result.code).toBe(1);
    expect(result.stdout.trimEnd().split("\n")).toEqual([
      "error: config.yaml:6: integrations[0].outgoing_auth[0].params.cert: env:CLIENT_CERT is not set here: the proxy loads it at start-up and refuses to start",
      "error: config.yaml:6: integrations[0].outgoing_auth[0].params.key: file:keys/client.key does not resolve here: keys/client.key does not exist: the proxy loads it at start-up and refuses to start",
      "2 problems in config.yaml",
    ]);
  });

  it("passes when every reference resolves, and never prints a value (proxy, read: starts)", () => {
    assertValidConfig(file(MTLS));
    const box = configSandbox(file(MTLS));
    const secret = "pem-body-that-must-not-be-printed";
    mkdirSync(join(box.dir, "keys"));
    writeFileSync(join(box.dir, "keys", "client.key"), secret);
    const result = runCli(["validate", "--env", "--json"], { cwd: box.dir, env: { CLIENT_CERT: secret, IN_TOKEN: secret } });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ valid: true, problems: [], warnings: [] });
    expect(result.stdout + result.stderr).not.toContain(secret);
  });

  it("an unset or empty token fails too, said to fail on the first request (proxy, read: starts; that request is refused)", () => {
    const box = configSandbox(file());
    const result = runCli(["validate", "--env"], { cwd: box.dir, env: { IN_TOKEN: "" } });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      "error: config.yaml:6: integrations[0].incoming_auth[0].params.secrets[0]: env:IN_TOKEN is set but empty here: the proxy loads it on the first request that needs it, and that request fails\n",
    );
  });
});
