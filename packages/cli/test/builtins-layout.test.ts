// The built-in plugin packages read like siblings, so that a reader who knows one knows all: the same files, the same
// package.json keys, the same README headings (each README in step with its plugin's flags), and each
// registered with the CLI.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { toKebabCase } from "@integrations/core";
import { workspacePath } from "@integrations/test-utils";

const packagesDir = workspacePath("packages");
const plugins = readdirSync(packagesDir)
  .filter((dir) => dir.startsWith("plugin-") && dir !== "plugin-sdk")
  .sort();

function files(dir: string, prefix = ""): string[] {
  return readdirSync(join(packagesDir, dir, prefix), { withFileTypes: true })
    .filter((entry) => !["node_modules", "dist"].includes(entry.name))
    .flatMap((entry) => (entry.isDirectory() ? files(dir, join(prefix, entry.name)) : [join(prefix, entry.name)]))
    .sort();
}

function packageJson(dir: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(packagesDir, dir, "package.json"), "utf8")) as Record<string, unknown>;
}

/** Every key path of a JSON value, e.g. `integrationsPlugin.apiVersion`, without the values. */
function keyPaths(value: unknown, prefix = ""): string[] {
  if (!value || typeof value !== "object" || Array.isArray(value)) return [prefix];
  return Object.entries(value).flatMap(([key, inner]) => keyPaths(inner, prefix ? `${prefix}.${key}` : key));
}

function headings(dir: string): string[] {
  const readme = readFileSync(join(packagesDir, dir, "README.md"), "utf8");
  return readme.split("\n").filter((line) => line.startsWith("## "));
}

describe("the built-in plugin packages", () => {
  it("are the 21 of the spec", () => {
    expect(plugins).toHaveLength(21);
  });

  it.each(plugins)("%s has the same files as plugin-slack", (dir) => {
    expect(files(dir)).toEqual(files("plugin-slack"));
  });

  it.each(plugins)("%s has the same package.json keys, name and manifest", (dir) => {
    const json = packageJson(dir);
    const name = dir.slice("plugin-".length);
    expect(keyPaths(json).sort()).toEqual(keyPaths(packageJson("plugin-slack")).sort());
    expect(json.name).toBe(`integrations-plugin-${name}`);
    expect(json.integrationsPlugin).toEqual({ apiVersion: 1, integrations: [name] });
    expect(json.peerDependencies).toEqual({ "@integrations/plugin-sdk": "^1.0.0" });
    expect(json.keywords).toContain("integrations-plugin");
    expect(json.description).not.toMatch(/TODO/);
  });

  it.each(plugins)("%s has the README headings of plugin-slack", (dir) => {
    expect(headings(dir)).toEqual(headings("plugin-slack"));
  });

  it.each(plugins)("%s has a README in step with its plugin: the flags table and the example's command", async (dir) => {
    const plugin = ((await import(`integrations-${dir}`)) as { default: { name: string; flags: Record<string, unknown> } }).default;
    const readme = readFileSync(join(packagesDir, dir, "README.md"), "utf8");
    const flagsSection = readme.split("\n## Flags\n")[1]?.split("\n## ")[0] ?? "";
    const documented = [...flagsSection.matchAll(/^\| `--([a-z0-9-]+)/gm)].map((match) => match[1]).sort();
    expect(documented).toEqual(Object.keys(plugin.flags).map(toKebabCase).sort());
    expect(readme).toContain(`\n\`\`\`sh\nintegrations ${plugin.name} `);
  });

  it("are all registered as built-ins and dependencies of the CLI", () => {
    const cli = packageJson("cli") as { integrationsBuiltins: string[]; dependencies: Record<string, string> };
    const names = plugins.map((dir) => `integrations-${dir}`);
    expect([...cli.integrationsBuiltins].sort()).toEqual(names);
    for (const name of names) expect(cli.dependencies[name]).toBe("workspace:*");
  });
});
