import { describe, expect, it } from "vitest";
import { parseIntegrationArgv, type FlagSpecs } from "@integrations/core";
import { canPrompt, onlyMissingFlags } from "./interactive.js";
import { previewLines } from "./confirm-write.js";

const tty = { stdin: { isTTY: true }, stdout: { isTTY: true }, env: {} };
const specs = {
  token: { type: "secret", required: true, description: "t" },
  signingSecret: { type: "secret", required: true, description: "s" },
} satisfies FlagSpecs;

function usageError(argv: string[]): unknown {
  try {
    parseIntegrationArgv(argv, specs, { integration: "slack" });
  } catch (error) {
    return error;
  }
  throw new Error("expected a usage error");
}

describe("canPrompt", () => {
  it("only with both streams on a terminal, CI not true and no --no-input", () => {
    expect(canPrompt(false, tty)).toBe(true);
    expect(canPrompt(false, { ...tty, env: { CI: "false" } })).toBe(true);
    expect(canPrompt(true, tty)).toBe(false);
    expect(canPrompt(false, { ...tty, env: { CI: "true" } })).toBe(false);
    expect(canPrompt(false, { ...tty, stdin: {} })).toBe(false);
    expect(canPrompt(false, { ...tty, stdout: { isTTY: false } })).toBe(false);
  });
});

describe("onlyMissingFlags", () => {
  it("names the missing required flags, in declaration order, when nothing else is wrong", () => {
    expect(onlyMissingFlags(usageError([]))).toEqual(["token", "signingSecret"]);
    expect(onlyMissingFlags(usageError(["-token", "env:T"]))).toEqual(["signingSecret"]);
  });

  it("is empty when the line has another usage problem too, so the error stands", () => {
    expect(onlyMissingFlags(usageError(["--tokne", "env:T"]))).toEqual([]);
    expect(onlyMissingFlags(usageError(["-token"]))).toEqual([]);
    expect(onlyMissingFlags(usageError(["--incoming-header", "X-Auth"]))).toEqual([]);
    expect(onlyMissingFlags(new Error("missing required flags --token"))).toEqual([]);
  });
});

describe("previewLines", () => {
  it("shows the added lines as they will stand in the file", () => {
    const before = "integrations:\n  - name: a\n    destination: https://a.example.com\n";
    const after = `${before}  - name: b\n    destination: https://b.example.com\n`;
    expect(previewLines({ before, after })).toEqual({ text: "  - name: b\n    destination: https://b.example.com", replaces: false });
    expect(previewLines({ before: undefined, after: "integrations:\r\n  - name: b\r\n" }).text).toBe("integrations:\n  - name: b");
  });

  it("marks changed lines +/- when lines would be replaced, and masks dangerousLiteral values", () => {
    const before = "integrations:\n  - name: a\n    secrets:\n      - env:OLD\n";
    const after = "integrations:\n  - name: a\n    secrets:\n      - dangerousLiteral:hunter2hunter2\n";
    const { text: shown, replaces } = previewLines({ before, after });
    expect(replaces).toBe(true);
    expect(shown.split("\n")[0]).toBe("-       - env:OLD");
    expect(shown).toMatch(/^\+ {7}- dangerousLiteral:/m);
    expect(shown).not.toContain("hunter2");
  });
});
