// `integrations schema` and the cross-check: every config valid under the proxy's published
// schema and our rules is valid under ours (json-schema.test.ts in core holds the hand-written ones),
// and what we write is valid under both.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { COMMON_FLAGS, configJsonSchema, suggestedReference, toKebabCase, type FlagSpec, type FlagSpecs, type IntegrationPlugin } from "@integrations/core";
import { runPlugin } from "@integrations/plugin-sdk/testing";
import { assertValidConfig, compileJsonSchema2020, configSandbox, makeTempDir, parseYaml, runCli, schemaProblems } from "@integrations/test-utils";

const BUILTIN_PACKAGES = (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { integrationsBuiltins: string[] }).integrationsBuiltins;

async function builtins(): Promise<IntegrationPlugin[]> {
  const modules = await Promise.all(BUILTIN_PACKAGES.map((name) => import(name) as Promise<{ default: IntegrationPlugin | IntegrationPlugin[] }>));
  return modules.flatMap((m) => m.default);
}

/** A sample value of a flag's type (a secret gets the reference the CLI suggests). */
function sample(plugin: string, key: string, spec: FlagSpec): string {
  switch (spec.type) {
    case "secret":
      return suggestedReference(plugin, key);
    case "url":
      return "https://sample.example.com/base";
    case "domain":
      return "sample.example.com";
    case "duration":
      return "45s";
    case "integer":
      return "7";
    case "boolean":
      return "true";
    case "enum":
      return spec.values.at(-1)!;
    default:
      return "sample";
  }
}

/** Go-style argv setting each of `specs` (or only the required ones), a repeatable one twice. */
function argvFor(plugin: string, specs: FlagSpecs, which: "required" | "all"): string[] {
  return Object.entries(specs)
    .filter(([, spec]) => which === "all" || spec.required)
    .flatMap(([key, spec]) => {
      const flag = `-${toKebabCase(key)}=${sample(plugin, key, spec)}`;
      return spec.multiple ? [flag, flag] : [flag];
    });
}

const ours = compileJsonSchema2020(configJsonSchema());

function expectValidUnderBoth(yaml: string): void {
  assertValidConfig(yaml); // the proxy's published schema and our rules
  expect(ours(parseYaml(yaml))).toEqual([]);
}

describe("integrations schema", () => {
  it("prints the JSON Schema generated from the core schema, which ajv compiles for draft 2020-12", () => {
    const result = runCli(["schema"], { cwd: makeTempDir() });
    expect(result.code, result.stderr).toBe(0);
    const printed = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(printed).toEqual(configJsonSchema());
    expect(printed.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(() => compileJsonSchema2020(printed)).not.toThrow();
  });

  it("admits dangerousLiteral: only with --allow-dangerous-literal", () => {
    const config = { integrations: [{ name: "x", destination: "https://x.example.com", outgoing_auth: [{ type: "url_path", params: { secrets: ["dangerousLiteral:v"] } }] }] };
    const strict = runCli(["schema"], { cwd: makeTempDir() });
    const lenient = runCli(["schema", "--allow-dangerous-literal"], { cwd: makeTempDir() });
    expect(lenient.code, lenient.stderr).toBe(0);
    expect(compileJsonSchema2020(JSON.parse(strict.stdout) as object)(config)).not.toEqual([]);
    expect(compileJsonSchema2020(JSON.parse(lenient.stdout) as object)(config)).toEqual([]);
  });

  it("--help ends with examples, the editor modeline among them", () => {
    const result = runCli(["schema", "--help"], { cwd: makeTempDir() });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Examples:\n {2}integrations schema > config\.schema\.json\n[\s\S]*# yaml-language-server: \$schema=\.\/config\.schema\.json\n\s*$/);
  });
});

describe("the cross-check against the proxy's published schema", () => {
  it("every built-in's block, with its required flags or with every flag and every common flag, is valid under both", async () => {
    const plugins = await builtins();
    expect(plugins.map((p) => p.name)).toHaveLength(BUILTIN_PACKAGES.length);
    for (const plugin of plugins) {
      for (const which of ["required", "all"] as const) {
        const argv = [...argvFor(plugin.name, plugin.flags, which), ...(which === "all" ? argvFor(plugin.name, COMMON_FLAGS as FlagSpecs, "all") : [])];
        const { yaml } = runPlugin(plugin, argv);
        expect(schemaProblems(yaml), `${plugin.name} ${which}`).toEqual([]);
        expect(ours(parseYaml(yaml)), `${plugin.name} ${which}`).toEqual([]);
      }
    }
  });

  it("the file the CLI writes, one block per built-in plus updates and every common flag, is valid under both", async () => {
    const sandbox = configSandbox();
    for (const plugin of await builtins()) {
      const result = sandbox.run(plugin.name, ...argvFor(plugin.name, plugin.flags, "required"));
      expect(result.code, `${plugin.name}: ${result.stderr}`).toBe(0);
    }
    const common = argvFor("github", COMMON_FLAGS as FlagSpecs, "all").filter((arg) => !arg.startsWith("-name="));
    const steps = [
      [
        "github",
        "-name",
        "github-all-flags",
        ...argvFor("github", { token: { type: "secret", required: true, description: "" }, webhookSecret: { type: "secret", required: true, description: "" } }, "all"),
        ...common,
      ],
      ["update", "slack", "-token", "env:SLACK_BOT", "-signing-secret", "env:SLACK_SIGNING_SECRET", "--rate-limit-strategy", "token_bucket", "--incoming-token", "env:CALLER"],
      ["update", "okta", "-domain", "acme.okta.com", "-token", "env:OKTA", "--replace", "--max-idle-conns", "0"],
    ];
    for (const step of steps) {
      const result = sandbox.run(...step);
      expect(result.code, `${step.join(" ")}: ${result.stderr}`).toBe(0);
    }
    const text = sandbox.text();
    expect((parseYaml(text) as { integrations: unknown[] }).integrations).toHaveLength(BUILTIN_PACKAGES.length + 1);
    expectValidUnderBoth(text);
  });
});
