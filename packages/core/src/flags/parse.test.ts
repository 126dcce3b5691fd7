import { describe, expect, it } from "vitest";
import { InputError, UsageError } from "../errors.js";
import { checkIntegrationFlags, parseIntegrationArgv } from "./parse.js";
import type { FlagSpecs } from "./types.js";

const specs = {
  token: { type: "secret", required: true, description: "t" },
  signingSecret: { type: "secret", required: true, description: "s" },
  verbose: { type: "boolean", description: "v" },
  scope: { type: "string", multiple: true, description: "s" },
  level: { type: "enum", values: ["low", "high"], default: "low", description: "l" },
} satisfies FlagSpecs;
const options = { integration: "slack" };

function failure(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a failure");
}

describe("parseIntegrationArgv", () => {
  it("reads Go-style single-dash flags, = values and double-dash flags alike", () => {
    const values = parseIntegrationArgv(["-token", "env:A", "-signing-secret=env:B", "--verbose", "--scope", "x", "-scope=y"], specs, options);
    expect(values).toMatchObject({ token: "env:A", signingSecret: "env:B", verbose: true, scope: ["x", "y"], level: "low", name: "slack" });
  });

  it("reads boolean values written Go-style", () => {
    expect(parseIntegrationArgv(["-token", "env:A", "-signing-secret", "env:B", "-verbose=false"], specs, options).verbose).toBe(false);
    expect(parseIntegrationArgv(["-token", "env:A", "-signing-secret", "env:B", "--disable-keep-alives=true"], specs, options).disableKeepAlives).toBe(true);
  });

  it("names every missing required flag in one usage error", () => {
    const error = failure(() => parseIntegrationArgv([], specs, options));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toContain("missing required flags --token, --signing-secret");
  });

  it("reports unknown flags and missing values together, without a second problem for an unknown flag's value", () => {
    const error = failure(() => parseIntegrationArgv(["--tokne", "env:A", "--signing-secret"], specs, options));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toBe("unknown flag --tokne (did you mean --token?); --signing-secret needs a value; missing required flag --token (see: integrations slack --help)");
  });

  it("checks values by type and never echoes a raw secret", () => {
    const raw = "xoxb-123456789012-abcdefghijklmnop";
    const error = failure(() => parseIntegrationArgv(["-token", raw, "-signing-secret", "env:B", "--level", "mid", "--in-rate-limit", "ten", "--rate-limit-window", "1d"], specs, options));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).problems.map((p) => p.split(":")[0])).toEqual(["--token", "--level", "--in-rate-limit", "--rate-limit-window"]);
    expect(error.message).not.toContain(raw);
    expect(error.message).toContain("env:SLACK_TOKEN");
  });

  it("takes the common flags with their types", () => {
    const values = parseIntegrationArgv(["-token", "env:A", "-signing-secret", "env:B", "--in-rate-limit", "7", "--name", "Slack-2", "--incoming-token", "env:IN"], specs, options);
    expect(values).toMatchObject({ inRateLimit: 7, name: "Slack-2", incomingToken: "env:IN" });
  });
});

describe("checkIntegrationFlags", () => {
  it("accepts values by key and rejects unknown keys", () => {
    expect(checkIntegrationFlags({ token: "env:A", signingSecret: "env:B", inRateLimit: 5 }, specs, options)).toMatchObject({ inRateLimit: 5 });
    expect(() => checkIntegrationFlags({ token: "env:A", signingSecret: "env:B", nope: 1 }, specs, options)).toThrow("unknown flag --nope");
    expect(() => checkIntegrationFlags({ token: "env:A", signingSecret: "env:B", tokn: "env:C" }, specs, options)).toThrow("unknown flag --tokn (did you mean --token?)");
  });
});

describe("a flag followed by another flag", () => {
  it("is missing its value, once", () => {
    const error = failure(() => parseIntegrationArgv(["-token", "-signing-secret", "env:S"], specs, options));
    expect(error.message).toBe("--token needs a value (see: integrations slack --help)");
  });
});

describe("common flags with rules of their own", () => {
  it("refuses a --name and an --incoming-header that the proxy would not take", () => {
    const error = failure(() =>
      parseIntegrationArgv(["-token", "env:A", "-signing-secret", "env:B", "--name", "bad name", "--incoming-token", "env:I", "--incoming-header", "X Bad:"], specs, options),
    );
    expect((error as InputError).problems).toEqual([
      '--name: "bad name" may contain only letters, digits, ".", "_" and "-"; e.g. bad-name',
      '--incoming-header: "X Bad:" is not an HTTP header name; write it like X-Auth',
    ]);
  });
});

describe("a value that starts with a dash", () => {
  // Built from parts, so that this file holds no credential-shaped literal.
  const PEM = ["-----BEGIN RSA ", "PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw\n-----END RSA ", "PRIVATE KEY-----"].join("");

  it("that is no flag (a PEM block) is the flag's value, refused as a raw credential without being echoed", () => {
    for (const argv of [
      ["-token", PEM, "-signing-secret", "env:B"],
      ["--signing-secret", "env:B", "--token", PEM],
      ["--token", "env:A", "--signing-secret", "env:B", "--incoming-token", PEM],
    ]) {
      const error = failure(() => parseIntegrationArgv(argv, specs, options));
      expect(error).toBeInstanceOf(InputError);
      expect(error.message).toMatch(/^--(token|incoming-token): looks like a raw credential \(----… \(\d+ chars\)\), not a secret reference/);
      expect(error.message).not.toContain("BEGIN");
    }
  });

  it("standing alone is an unknown flag, shown masked; a flag-shaped one is named", () => {
    const error = failure(() => parseIntegrationArgv(["-token", "env:A", "-signing-secret", "env:B", PEM, "--tokne=x"], specs, options));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toBe(`unknown flag ----… (${PEM.length} chars); unknown flag --tokne (did you mean --token?) (see: integrations slack --help)`);
  });
});

describe("a mistyped flag", () => {
  it("gets the closest declared flags and switches, and never its value", () => {
    const raw = "xoxb-123456789012-abcdefghijklmnop";
    const error = failure(() => parseIntegrationArgv(["--tokn", raw, "-signing-secret", "env:B", "--dry-rn", "--verbos=" + raw], specs, { ...options, switches: ["dry-run", "json"] }));
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).problems.slice(0, 3)).toEqual([
      "unknown flag --tokn (did you mean --token?)",
      "unknown flag --dry-rn (did you mean --dry-run?)",
      "unknown flag --verbos (did you mean --verbose?)",
    ]);
    expect(error.message).not.toContain("xoxb");
  });

  it("that looks like a credential is masked and gets no suggestion", () => {
    const raw = "--ghp_abcdefghijklmnopqrstuvwxyz0123456789";
    const error = failure(() => parseIntegrationArgv(["-token", "env:A", "-signing-secret", "env:B", raw], specs, options));
    expect(error.message).not.toContain("ghp_abcdef");
    expect(error.message).not.toContain("did you mean");
  });
});

describe("negative integers", () => {
  it("are usage errors that say what 0 means, named all at once", () => {
    const error = failure(() => parseIntegrationArgv(["-token", "env:A", "-signing-secret", "env:B", "--in-rate-limit", "-3", "--out-rate-limit=-1", "--max-idle-conns", "-2"], specs, options));
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).problems).toEqual([
      "--in-rate-limit: -3 is negative; 0 means unlimited",
      "--out-rate-limit: -1 is negative; 0 means unlimited",
      "--max-idle-conns: -2 is negative; the proxy refuses a negative count at start-up; give 0 or more",
    ]);
  });

  it("are refused in values given by key too; 0 is taken", () => {
    expect(() => checkIntegrationFlags({ token: "env:A", signingSecret: "env:B", inRateLimit: -5 }, specs, options)).toThrow("--in-rate-limit: -5 is negative");
    expect(checkIntegrationFlags({ token: "env:A", signingSecret: "env:B", inRateLimit: 0 }, specs, options)).toMatchObject({ inRateLimit: 0 });
  });
});
