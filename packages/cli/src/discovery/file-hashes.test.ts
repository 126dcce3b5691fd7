import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeTempDir, writeFiles } from "@integrations/test-utils";
import { describeChanges, diffFiles, hashPackageFiles, unchanged } from "./file-hashes.js";
import { packageClosure } from "./package-closure.js";

const sha = (text: string) => createHash("sha256").update(text).digest("hex");

describe("hashPackageFiles", () => {
  it("hashes every file by relative path, leaving out node_modules and dot-directories", () => {
    const dir = makeTempDir({ "package.json": "{}", "dist/index.js": "a", ".npmignore": "x" });
    writeFiles(dir, { "node_modules/dep/index.js": "b", ".git/HEAD": "c" });
    expect(hashPackageFiles(dir)).toEqual({ ".npmignore": sha("x"), "dist/index.js": sha("a"), "package.json": sha("{}") });
  });

  it("records a dangling link as such", () => {
    const dir = makeTempDir({ "package.json": "{}" });
    symlinkSync(join(dir, "nowhere"), join(dir, "gone.js"));
    expect(hashPackageFiles(dir)["gone.js"]).toBe("dangling");
  });
});

describe("diffFiles and describeChanges", () => {
  const recorded = { "a.js": "1", "b.js": "2", "c.js": "3" };

  it("says nothing changed for the same list", () => {
    expect(unchanged(diffFiles(recorded, { ...recorded }))).toBe(true);
  });

  it("names modified, added and removed files, the first few then how many more", () => {
    const changes = diffFiles(recorded, { "a.js": "9", "b.js": "2", "z.js": "4", "y.js": "5" });
    expect(changes).toEqual({ modified: ["a.js"], added: ["y.js", "z.js"], removed: ["c.js"] });
    expect(unchanged(changes)).toBe(false);
    expect(describeChanges(changes)).toBe("a.js modified, y.js added, z.js added and 1 more");
    expect(describeChanges(changes, 10)).toBe("a.js modified, y.js added, z.js added, c.js removed");
  });
});

describe("packageClosure", () => {
  it("follows dependencies, optional and peer dependencies as Node resolves them: nested first, then hoisted", () => {
    const dir = makeTempDir();
    const pkg = (place: string, deps: Record<string, Record<string, string>> = {}) => {
      mkdirSync(join(dir, place), { recursive: true });
      writeFileSync(join(dir, place, "package.json"), JSON.stringify(deps));
    };
    pkg("node_modules/plugin", { dependencies: { a: "1" }, peerDependencies: { sdk: "1" }, optionalDependencies: { missing: "1" } });
    pkg("node_modules/plugin/node_modules/a", { dependencies: { b: "1" } });
    pkg("node_modules/a"); // shadowed by the nested copy
    pkg("node_modules/b");
    pkg("node_modules/sdk", { dependencies: { plugin: "1" } }); // a cycle ends
    expect(packageClosure(dir, "node_modules/plugin")).toEqual(["node_modules/plugin", "node_modules/plugin/node_modules/a", "node_modules/b", "node_modules/sdk"]);
  });
});
