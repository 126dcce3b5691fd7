import { describe, expect, it } from "vitest";
import { UsageError } from "@integrations/core";
import { checkPluginName, defaultIntegrationName, isPluginPackageName, pluginNameProblem, toPackageName, toShorthand } from "./naming.js";

/** shorthand ↔ package name pairs of docs/design.md "Discovery". */
const PAIRS = [
  ["slack", "integrations-plugin-slack"],
  ["github", "integrations-plugin-github"],
  ["foo.bar-baz_1", "integrations-plugin-foo.bar-baz_1"],
  ["@acme/slack", "@acme/integrations-plugin-slack"],
  ["@acme/theta", "@acme/integrations-plugin-theta"],
  ["@acme", "@acme/integrations-plugin"],
  ["@my-org.io", "@my-org.io/integrations-plugin"],
] as const;

describe("toPackageName", () => {
  it.each(PAIRS)("expands %s to %s", (shorthand, pkg) => {
    expect(toPackageName(shorthand)).toBe(pkg);
  });

  it.each(PAIRS)("returns the full package name of %s unchanged (%s)", (_shorthand, pkg) => {
    expect(toPackageName(pkg)).toBe(pkg);
  });
});

describe("toShorthand", () => {
  it.each(PAIRS)("shortens %s's package %s", (shorthand, pkg) => {
    expect(toShorthand(pkg)).toBe(shorthand);
  });

  it.each(PAIRS)("is the inverse of toPackageName for %s / %s", (shorthand, pkg) => {
    expect(toShorthand(toPackageName(shorthand))).toBe(shorthand);
    expect(toPackageName(toShorthand(pkg))).toBe(pkg);
  });

  it.each(["left-pad", "@acme/other", "@integrations/cli"])("leaves a non-plugin package name %s unchanged", (name) => {
    expect(toShorthand(name)).toBe(name);
  });
});

describe("defaultIntegrationName", () => {
  it.each([
    ["integrations-plugin-slack", "slack"],
    ["integrations-plugin-foo.bar", "foo.bar"],
    ["@acme/integrations-plugin-theta", "theta"],
    ["@acme/integrations-plugin-x", "x"],
    ["@acme/integrations-plugin", "acme"],
    ["@my-org/integrations-plugin", "my-org"],
  ])("%s → %s", (pkg, name) => {
    expect(defaultIntegrationName(pkg)).toBe(name);
  });
});

describe("isPluginPackageName", () => {
  it.each([
    "integrations-plugin-slack",
    "integrations-plugin-a",
    "integrations-plugin-0x",
    "integrations-plugin-foo.bar_baz-1",
    "@acme/integrations-plugin",
    "@acme/integrations-plugin-slack",
    "@my-org.io/integrations-plugin-x",
  ])("accepts %s", (name) => {
    expect(isPluginPackageName(name)).toBe(true);
  });

  it.each([
    "integrations-plugin",
    "integrations-plugin-",
    "integrations-plugin-.x",
    "integrations-plugin-Slack",
    "integrations-plugins-slack",
    "my-integrations-plugin-slack",
    "integrations-plugin-slack/extra",
    "@acme/integrations-plugin-",
    "@acme/integrations-plugins",
    "@acme/integrations-pluginx",
    "@acme/my-integrations-plugin",
    "@acme/slack",
    "@acme",
    "@/integrations-plugin",
    "slack",
    "",
  ])("rejects %j", (name) => {
    expect(isPluginPackageName(name)).toBe(false);
  });
});

describe("pluginNameProblem / checkPluginName", () => {
  it.each(["slack", "Slack", "integrations-plugin-slack", "@acme/demo", "@acme", "@acme/integrations-plugin-demo", "@my-org.io", "foo.bar-baz_1", "a~b"])("accepts the name %j", (name) => {
    expect(pluginNameProblem(name)).toBeUndefined();
    expect(checkPluginName(name)).toBe(name);
  });

  it.each([
    ["", /empty/],
    ["../x", /"\.\." path segment/],
    ["../../x", /path segment/],
    ["..", /path segment/],
    [".", /path segment/],
    ["@acme/../x", /path segment/],
    ["./x", /path segment/],
    ["/abs", /absolute path/],
    ["/", /absolute path/],
    ["a/b/c", /path separators/],
    ["x/", /path separators/],
    ["~/x", /path separators/],
    ["@/x", /path separators/],
    ["a/b", /path separators/],
    ["%2e%2e", /URL-encoded/],
    ["%2e%2e/x", /URL-encoded/],
    ["a\\b", /backslash/],
    ["..\\x", /backslash/],
    ["a\u0000b", /control character/],
    ["x\u0000../../etc", /control character/],
    ["bell\u0007", /control character/],
    ["new\nline", /control character/],
    [".hidden", /may contain only/],
    ["_x", /may contain only/],
    ["a b", /may contain only/],
    ["a:b", /may contain only/],
    ["x".repeat(215), /longer than 214/],
  ])("refuses %j", (name, reason) => {
    expect(pluginNameProblem(name)).toMatch(reason);
    expect(() => checkPluginName(name)).toThrow(UsageError);
    expect(() => toPackageName(name)).toThrow(/is not a plugin name/);
  });
});
