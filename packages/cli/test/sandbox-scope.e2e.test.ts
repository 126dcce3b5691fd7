/**
 * End to end, through the launcher: what a sandboxed plugin (any plugin that is not built in and not
 * trusted) can read. Its own package and the packages its imports resolve to, through its
 * dependencies, CommonJS and ES modules, hoisted or nested: it runs and writes its block. A package
 * beside it that it does not depend on, the project's own files and the user's home: denied, with
 * one line naming the plugin and the path, and config.yaml untouched. (Hostile plugins:
 * hostile-plugins.e2e.test.ts.)
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { assertValidConfig, fixturePackage, makeTempDir, pluginSource, runCli, writePackage } from "@integrations/test-utils";

/** A project whose plugin `scoped` imports `dep-esm` (hoisted) and `dep-cjs` (nested in its own node_modules); `dep-esm` imports `dep-deep`. */
function project(importLine = ""): { root: string; dir: string; config: string } {
  const root = makeTempDir();
  writeFileSync(join(root, "package.json"), JSON.stringify({ name: "proj", private: true }));
  writeFileSync(join(root, "secret.txt"), "project secret\n");
  const dir = join(root, "node_modules", "integrations-plugin-scoped");
  const prelude = [`import esm from "dep-esm";`, `import cjs from "dep-cjs";`, `const prefix = esm + cjs;`, importLine].join("\n");
  const source = pluginSource({ name: "scoped", destination: "https://scoped.example.com", prelude }).replace(
    `params: { header: "Authorization", secrets: [f.token] }`,
    `params: { header: "Authorization", prefix, secrets: [f.token] }`,
  );
  writePackage(dir, fixturePackage("integrations-plugin-scoped", "1.0.0", { apiVersion: 1, integrations: ["scoped"] }, source, { dependencies: { "dep-esm": "1.0.0", "dep-cjs": "1.0.0" } }));
  writePackage(join(root, "node_modules", "dep-esm"), {
    "package.json": JSON.stringify({ name: "dep-esm", version: "1.0.0", type: "module", exports: "./index.js", dependencies: { "dep-deep": "1.0.0" } }),
    "index.js": `import deep from "dep-deep";\nexport default "Esm" + deep;\n`,
  });
  writePackage(join(root, "node_modules", "dep-deep"), { "package.json": JSON.stringify({ name: "dep-deep", version: "1.0.0", main: "index.js" }), "index.js": `module.exports = "Deep";\n` });
  writePackage(join(dir, "node_modules", "dep-cjs"), {
    "package.json": JSON.stringify({ name: "dep-cjs", version: "1.0.0", main: "lib/index.js" }),
    "lib/index.js": `module.exports = require("./part") + " ";\n`,
    "lib/part.js": `module.exports = "Cjs";\n`,
  });
  // Installed beside it, not a dependency of it.
  writePackage(join(root, "node_modules", "bystander"), { "package.json": JSON.stringify({ name: "bystander", version: "1.0.0" }), "data.txt": "not yours\n" });
  const config = "integrations: []\n";
  writeFileSync(join(root, "config.yaml"), config);
  return { root, dir, config };
}

const run = (root: string) => runCli(["scoped", "-file", "config.yaml", "-token", "env:SCOPED_TOKEN"], { cwd: root });

describe("a sandboxed plugin reads its own packages", () => {
  it("imports its hoisted ES module and nested CommonJS dependencies, and a dependency of a dependency: the block is written", () => {
    const { root } = project();
    const result = run(root);
    expect({ code: result.code, stdout: result.stdout }, result.stderr).toEqual({ code: 0, stdout: expect.stringMatching(/^added scoped to config\.yaml/) });
    expect(result.stderr).not.toMatch(/ExperimentalWarning|permission/i);
    const written = readFileSync(join(root, "config.yaml"), "utf8");
    assertValidConfig(written);
    expect(written).toContain(`prefix: "EsmDeepCjs "`);
  });

  const generic =
    "a sandboxed plugin may only read its own package and the packages it imports, and build its block; trust it to run in process (trust: in the CLI config) only if you trust its author";
  it.each([
    [
      "a package installed beside it that it does not depend on",
      (root: string) => join(root, "node_modules", "bystander", "data.txt"),
      "in package bystander, which it does not declare as a dependency; the plugin must declare it in its dependencies (then reinstall the plugin)",
    ],
    ["the project's own files", (root: string) => join(root, "secret.txt"), generic],
    ["the config file it is about to be written into", (root: string) => join(root, "config.yaml"), generic],
  ])("reading %s is denied: one line naming the plugin and the path, config.yaml untouched", (_label, target, why) => {
    const { root, dir, config } = project();
    const path = target(root);
    // The plugin reads the file in build, where a sandbox denial is reported as the build's failure.
    const source = readFileSync(join(dir, "index.js"), "utf8").replace(`build: (f) => (`, `build: (f) => (readFileSync(${JSON.stringify(path)}), `);
    writeFileSync(join(dir, "index.js"), `import { readFileSync } from "node:fs";\n${source}`);
    const result = run(root);
    expect({ code: result.code, stdout: result.stdout }).toEqual({ code: 1, stdout: "" });
    expect(result.stderr).toBe(`error: integration scoped: the sandbox stopped it: it tried to read ${path}${why === generic ? "; " : ", "}${why} (plugin integrations-plugin-scoped)\n`);
    expect(readFileSync(join(root, "config.yaml"), "utf8")).toBe(config);
  });
});
