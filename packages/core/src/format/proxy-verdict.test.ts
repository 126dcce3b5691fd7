// The proxy's reading and verdict, case by case. Each case carries the proxy's own verdict, obtained by
// running yaml.v3 (KnownFields) + validateConfig + the auth plugins' JSON param decoding on the same YAML,
// or, marked "(read)", from the proxy's source (required params, secret references, secret loading).
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../yaml/parse.js";
import { proxyVerdict } from "./proxy-verdict.js";
import { unresolvedReferences } from "./resolve-refs.js";

const BLOCK = "integrations:\n  - name: a\n    destination: https://a.example.com\n";
const verdictOf = (text: string) => {
  const { errors, warnings } = proxyVerdict(parseConfig(text).data);
  const show = (i: { path: PropertyKey[]; message: string }) => `${i.path.join(".")}: ${i.message}`;
  return { errors: errors.map(show), warnings: warnings.map(show) };
};

describe("proxyVerdict", () => {
  it.each([
    ["", "accepts: EOF means an empty config"],
    ["# only a comment\n", "accepts: no integrations"],
    ["integrations:\n", "accepts: integrations null"],
    ["integrations: []\n", "accepts"],
  ])("a file with no integrations (%j) is valid, with one warning (proxy: %s)", (text) => {
    expect(verdictOf(text)).toEqual({ errors: [], warnings: [": holds no integrations: the proxy starts and forwards nothing"] });
  });

  it.each([
    [`${BLOCK}    rate_limit_window: ""\n`, "accepts; an empty window is unset (1m)", "integrations.0.rate_limit_window: is empty, which the proxy reads as 1m; write a value or remove the key"],
    [`${BLOCK}    rate_limit_strategy: ""\n`, "accepts; fixed_window", "integrations.0.rate_limit_strategy: is empty, which the proxy reads as fixed_window; write a value or remove the key"],
    [`${BLOCK}    tls_insecure_skip_verify: yes\n`, "accepts; reads yes as true", "integrations.0.tls_insecure_skip_verify: `yes` is read as true; write true"],
    [`${BLOCK}    disable_keep_alives: "off"\n`, 'accepts; reads "off" as false', "integrations.0.disable_keep_alives: `off` is read as false; write false"],
    [`${BLOCK}    in_rate_limit: 1.5\n`, "accepts; reads 1.5 as 1", "integrations.0.in_rate_limit: 1.5 is read as 1 (the proxy drops the fraction); write 1"],
    [`${BLOCK}    max_idle_conns: -0.5\n`, "accepts; reads -0.5 as 0", "integrations.0.max_idle_conns: -0.5 is read as 0 (the proxy drops the fraction); write 0"],
    [`${BLOCK}    in_rate_limit:\n`, "accepts; null is 0", "integrations.0.in_rate_limit: is empty, which the proxy reads as 0, no limit; write a value or remove the key"],
    [`${BLOCK}    idle_conn_timeout: 0\n`, 'accepts; reads 0 as the string "0"', 'integrations.0.idle_conn_timeout: 0 is read as the string "0"; quote it to say so'],
    ["integrations:\n  - name: 123\n    destination: https://a.example.com\n", 'accepts; name "123"', 'integrations.0.name: 123 is read as the string "123"; quote it to say so'],
    ["integrations:\n  -\n  - name: a\n    destination: https://a.example.com\n", "accepts; skips the null item", "integrations.0: is an empty item (a lone -), which the proxy skips; remove it"],
    [
      `${BLOCK}    outgoing_auth:\n      - type: passthrough\n`,
      "accepts; params nil decodes to {}",
      "integrations.0.outgoing_auth.0.params: is missing or empty, which the proxy reads as {}; write params: {}",
    ],
    [
      `${BLOCK}    outgoing_auth:\n      - type: token\n        params: {Secrets: [env:T], header: X-T}\n`,
      "accepts; json matches Secrets to secrets",
      "integrations.0.outgoing_auth.0.params.Secrets: is read as secrets (the proxy matches param names ignoring case); write secrets",
    ],
    [
      `${BLOCK.replace("https://a", "ftp://a")}`,
      "accepts ftp://; every request fails",
      'integrations.0.destination: "ftp://a.example.com" uses the scheme ftp: the proxy accepts it, but it forwards HTTP requests only and every request to it fails; write https://a.example.com if the API speaks HTTPS',
    ],
  ])("%j: no error, a warning saying what the proxy does (proxy: %s)", (text, _proxy, warning) => {
    expect(verdictOf(text)).toEqual({ errors: [], warnings: [warning] });
  });

  it.each([
    [`other: 1\n${BLOCK}`, "refuses: field other not found in type main.Config", ": unknown key"],
    [`${BLOCK}    foo: 1\n`, "refuses: field foo not found in type main.Integration", "integrations.0: unknown key"],
    [`${BLOCK}    in_rate_limit: "5"\n`, "refuses: cannot unmarshal !!str `5` into int", "integrations.0.in_rate_limit: must be an integer"],
    [`${BLOCK}    disable_keep_alives: 1\n`, "refuses: cannot unmarshal !!int `1` into bool", "integrations.0.disable_keep_alives: must be true or false"],
    [`${BLOCK}    disable_keep_alives: "true"\n`, "refuses: cannot unmarshal !!str `true` into bool", "integrations.0.disable_keep_alives: must be true or false"],
    [`${BLOCK}    rate_limit_window: 60\n`, 'refuses: invalid rate_limit_window ("60")', 'integrations.0.rate_limit_window: "60" is not a Go duration'],
    [`${BLOCK}    rate_limit_window: 0s\n`, "refuses: invalid rate_limit_window", "integrations.0.rate_limit_window: must be greater than 0"],
    [`${BLOCK}    incoming_auth: {}\n`, "refuses: cannot unmarshal !!map into []main.AuthPluginConfig", "integrations.0.incoming_auth: must be a list"],
    ["integrations: {}\n", "refuses: cannot unmarshal !!map into []main.Integration", "integrations: must be a list"],
    ["- a\n", "refuses: cannot unmarshal !!seq into main.Config", ": must be a map"],
    ["integrations:\n  - destination: https://a.example.com\n", "refuses: integration at index 0 missing name", "integrations.0.name: is required"],
    [
      `${BLOCK}    outgoing_auth:\n      - type: token\n        params: {secrets: [env:T], header: X-T, prefix: 5}\n`,
      "refuses: json: cannot unmarshal number into ….prefix of type string",
      "integrations.0.outgoing_auth.0.params.prefix: must be a string",
    ],
    [
      `${BLOCK}    incoming_auth:\n      - type: slack_signature\n        params: {secrets: [env:S], tolerance: 1.5}\n`,
      "refuses: json: cannot unmarshal number 1.5 into ….tolerance of type int64",
      "integrations.0.incoming_auth.0.params.tolerance: must be an integer",
    ],
    [`${BLOCK}    outgoing_auth:\n      - type: token\n`, "refuses: missing secrets or header (read)", "integrations.0.outgoing_auth.0.params: is required"],
    [
      `${BLOCK}    outgoing_auth:\n      - type: token\n        params: {secrets: [env:T], header: X-T, foo: 1}\n`,
      'refuses: json: unknown field "foo"',
      "integrations.0.outgoing_auth.0.params: unknown key",
    ],
    ["integrations:\n  -\n  - name: a\n    destination: example.com\n", "refuses: invalid destination (the path names the item as written)", 'integrations.1.destination: "example.com" has no scheme'],
  ])("%j is an error (proxy: %s)", (text, _proxy, error) => {
    const { errors } = verdictOf(text);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(error);
  });

  it("warns about a document after the first, which the proxy ignores (proxy: accepts; decodes the first document only)", () => {
    const text = `${BLOCK}---\nother: 1\n`;
    const { errors, warnings } = proxyVerdict(parseConfig(text).data, { text });
    expect(errors).toEqual([]);
    expect(warnings).toEqual([{ path: [], line: 4, message: "starts another YAML document, which the proxy ignores: it reads only the first; move what you need into the first document" }]);
    expect(proxyVerdict(parseConfig(BLOCK).data, { text: `---\n# the config\n${BLOCK}---\n# notes\n` }).warnings).toEqual([]);
  });

  it("keeps malformed secret references errors (proxy, read: refuses envv:T, unknown secret source; accepts env: with no name, which never resolves)", () => {
    const { errors } = verdictOf(`${BLOCK}    outgoing_auth:\n      - type: token\n        params: {secrets: [envv:T, "env:"], header: X-T}\n`);
    expect(errors).toHaveLength(2);
    expect(errors.join("\n")).toMatch(/secrets\.0: .*envv/);
  });
});

describe("unresolvedReferences", () => {
  const dir = mkdtempSync(join(tmpdir(), "refs-"));
  writeFileSync(join(dir, "app.env"), "# comment\nTOKEN = t\n");
  writeFileSync(join(dir, "empty"), "  \n");
  const config = (refs: string[], type = "token") => ({
    integrations: [
      { name: "a", destination: "https://a.example.com", outgoing_auth: [type === "mtls" ? { type, params: { cert: refs[0], key: refs[1] } } : { type, params: { header: "X", secrets: refs } }] },
    ],
  });

  it("finds each env: and file: reference that does not resolve, naming it, never a value", () => {
    const issues = unresolvedReferences(config(["env:SET", "env:EMPTY", "env:UNSET", `file:${dir}/app.env:TOKEN`, `file:${dir}/app.env:OTHER`, "file:missing", "file:empty", "vault:x"]), {
      env: { SET: "s3cr3t-value", EMPTY: "" },
      cwd: dir,
    });
    expect(issues.map((i) => `${String(i.path.at(-1))} ${i.message}`)).toEqual([
      "1 env:EMPTY is set but empty here: the proxy loads it on the first request that needs it, and that request fails",
      "2 env:UNSET is not set here: the proxy loads it on the first request that needs it, and that request fails",
      `4 file:${dir}/app.env:OTHER does not resolve here: ${dir}/app.env has no OTHER= line: the proxy loads it on the first request that needs it, and that request fails`,
      "5 file:missing does not resolve here: missing does not exist: the proxy loads it on the first request that needs it, and that request fails",
      "6 file:empty does not resolve here: empty is empty: the proxy loads it on the first request that needs it, and that request fails",
    ]);
    expect(JSON.stringify(issues)).not.toContain("s3cr3t-value");
  });

  it("says that an outgoing mtls cert or key is loaded at start-up", () => {
    const issues = unresolvedReferences(config(["env:CERT", "env:KEY"], "mtls"), { env: { KEY: "k" }, cwd: dir });
    expect(issues).toEqual([{ path: ["integrations", 0, "outgoing_auth", 0, "params", "cert"], message: "env:CERT is not set here: the proxy loads it at start-up and refuses to start" }]);
  });
});
