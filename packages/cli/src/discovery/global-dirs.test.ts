import { mkdirSync, realpathSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeTempDir } from "@integrations/test-utils";
import { envValue, globalNodeModules, npmGlobalRoot, npmPrefix, npmrcValue, pnpmGlobalNodeModules, type GlobalContext } from "./global-dirs.js";

function context(env: Record<string, string | undefined>, home = "/nonexistent-home", execPath = "/opt/node-20/bin/node"): GlobalContext {
  return { env, home, execPath, platform: "linux" };
}

describe("envValue", () => {
  it("finds a variable whatever its case; the last spelling wins; empty is unset", () => {
    expect(envValue({ NPM_CONFIG_PREFIX: "/a" }, "npm_config_prefix")).toBe("/a");
    expect(envValue({ npm_config_prefix: "/b" }, "npm_config_prefix")).toBe("/b");
    expect(envValue({ npm_config_prefix: "/b", NPM_CONFIG_PREFIX: "/a" }, "npm_config_prefix")).toBe("/a");
    expect(envValue({ NPM_CONFIG_PREFIX: "" }, "npm_config_prefix")).toBeUndefined();
    expect(envValue({}, "npm_config_prefix")).toBeUndefined();
  });
});

describe("npmPrefix", () => {
  it("takes npm_config_prefix from the environment first", () => {
    const home = realpathSync(makeTempDir({ ".npmrc": "prefix=/from-rc\n" }));
    expect(npmPrefix(context({ Npm_Config_Prefix: "/from-env" }, home))).toBe("/from-env");
  });

  it("else the last prefix= of ~/.npmrc, unquoted, with ~ and ${VAR} expanded", () => {
    const home = realpathSync(makeTempDir({ ".npmrc": '; a comment\n# another\nprefix=/first\nregistry=https://r.example.com/\n  prefix = "${BASE}/npm global"  \n' }));
    expect(npmPrefix(context({ BASE: "/srv" }, home))).toBe("/srv/npm global");
    const tilde = realpathSync(makeTempDir({ ".npmrc": "prefix=~/.npm-global\n" }));
    expect(npmPrefix(context({}, tilde))).toBe(join(tilde, ".npm-global"));
  });

  it("reads $npm_config_userconfig instead of ~/.npmrc when set", () => {
    const home = realpathSync(makeTempDir({ ".npmrc": "prefix=/wrong\n", "other.npmrc": "prefix=/right\n" }));
    expect(npmPrefix(context({ NPM_CONFIG_USERCONFIG: join(home, "other.npmrc") }, home))).toBe("/right");
  });

  it("else the prefix of the running node binary", () => {
    expect(npmPrefix(context({}))).toBe("/opt/node-20");
    expect(npmGlobalRoot(context({}))).toBe("/opt/node-20/lib/node_modules");
    expect(npmGlobalRoot({ env: {}, home: "C:\\Users\\u", execPath: "C:\\node\\node.exe", platform: "win32" })).toMatch(/node_modules$/);
  });

  it("ignores an npmrc without a prefix", () => {
    const home = realpathSync(makeTempDir({ ".npmrc": "fund=false\nprefixes=/no\n" }));
    expect(npmPrefix(context({}, home))).toBe("/opt/node-20");
  });
});

describe("npmrcValue", () => {
  it("keeps an escaped ${VAR} literal", () => {
    expect(npmrcValue("prefix=\\${HOME}/x\n", "prefix", { env: { HOME: "/h" }, home: "/h" })).toBe("${HOME}/x");
  });
});

describe("pnpmGlobalNodeModules", () => {
  function layout(home: string): string {
    const nodeModules = join(home, "global", "5", "node_modules");
    mkdirSync(nodeModules, { recursive: true });
    mkdirSync(join(home, "global", "4"), { recursive: true }); // no node_modules: skipped
    return nodeModules;
  }

  it("uses $PNPM_HOME, else $XDG_DATA_HOME/pnpm, else ~/.local/share/pnpm", () => {
    const dir = realpathSync(makeTempDir());
    const pnpmHome = layout(join(dir, "pnpm-home"));
    const xdg = layout(join(dir, "xdg", "pnpm"));
    const local = layout(join(dir, "home", ".local", "share", "pnpm"));
    expect(pnpmGlobalNodeModules(context({ PNPM_HOME: join(dir, "pnpm-home"), XDG_DATA_HOME: join(dir, "xdg") }, join(dir, "home")))).toEqual([pnpmHome]);
    expect(pnpmGlobalNodeModules(context({ XDG_DATA_HOME: join(dir, "xdg") }, join(dir, "home")))).toEqual([xdg]);
    expect(pnpmGlobalNodeModules(context({}, join(dir, "home")))).toEqual([local]);
    expect(pnpmGlobalNodeModules(context({ PNPM_HOME: join(dir, "nothing") }, join(dir, "home")))).toEqual([]);
  });

  /**
   * pnpm 11+'s layout in `home`: under global/v11, one install directory per `pnpm add -g`, each
   * named by a hash symlink; `orphan` is an install directory no link names (replaced, or half done).
   */
  function isolatedLayout(home: string): { first: string; second: string } {
    const v11 = join(home, "global", "v11");
    const dirs = ["1a2b-18edb6c96f2d9017-0", "3c4d-18edb6cb59ea0380-0", "5e6f-18edb6cc8233e277-0"];
    for (const dir of dirs) mkdirSync(join(v11, dir, "node_modules"), { recursive: true });
    symlinkSync(dirs[1]!, join(v11, "aa9f6726ffabae08"), "dir");
    symlinkSync(join(v11, dirs[0]!), join(v11, "7968b60b8c3110c9"), "dir");
    symlinkSync("gone-18edb6cc8233e277-0", join(v11, "b1c2d3e4f5a6b7c8"), "dir"); // dangling: skipped
    return { first: join(v11, dirs[0]!, "node_modules"), second: join(v11, dirs[1]!, "node_modules") };
  }

  it("finds pnpm 11+'s install directories through their hash symlinks only, beside the older layout", () => {
    const dir = realpathSync(makeTempDir());
    const home = join(dir, "pnpm-home");
    const { first, second } = isolatedLayout(home);
    const older = layout(home);
    // In the links' name order ("7968…" before "aa9f…"); the orphan 5e6f-… is never listed.
    expect(pnpmGlobalNodeModules(context({ PNPM_HOME: home }))).toEqual([older, first, second]);
  });

  it("globalNodeModules lists npm's root first, then pnpm's", () => {
    const dir = realpathSync(makeTempDir());
    const pnpm = layout(join(dir, "pnpm-home"));
    expect(globalNodeModules(context({ NPM_CONFIG_PREFIX: join(dir, "prefix"), PNPM_HOME: join(dir, "pnpm-home") }))).toEqual([join(dir, "prefix", "lib", "node_modules"), pnpm]);
  });
});
