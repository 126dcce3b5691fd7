import { mkdirSync, renameSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeTempDir } from "@integrations/test-utils";
import { MAX_FILES, packageFingerprint } from "./fingerprint.js";

/** A small plugin package: package.json, an entry and a module it imports, a README. */
function pkg(): string {
  return makeTempDir({
    "package.json": '{ "name": "integrations-plugin-x", "version": "1.0.0", "main": "index.js" }\n',
    "index.js": 'export { default } from "./lib/plugin.js";\n',
    "lib/plugin.js": "export default {};\n",
    "README.md": "# x\n",
  });
}

describe("packageFingerprint", () => {
  it("is the same while nothing changes, for the same host", () => {
    const dir = pkg();
    expect(packageFingerprint(dir, "host")).toBe(packageFingerprint(dir, "host"));
    expect(packageFingerprint(dir, "host")).not.toBe(packageFingerprint(dir, "another CLI or node"));
  });

  it.each([
    ["a module edited in place", (dir: string) => writeFileSync(join(dir, "lib", "plugin.js"), "export default { edited: 1 };\n")],
    ["package.json edited", (dir: string) => writeFileSync(join(dir, "package.json"), '{ "name": "integrations-plugin-x", "version": "1.0.1", "main": "index.js" }\n')],
    ["a file added", (dir: string) => writeFileSync(join(dir, "lib", "more.js"), "")],
    ["a file renamed", (dir: string) => renameSync(join(dir, "README.md"), join(dir, "README.txt"))],
    ["a file's times set back (a reinstall from a tarball)", (dir: string) => utimesSync(join(dir, "index.js"), new Date(0), new Date(0))],
    ["a dependency installed into its own node_modules", (dir: string) => mkdirSync(join(dir, "node_modules", "left-pad"), { recursive: true })],
  ])("changes with %s", (_, change) => {
    const dir = pkg();
    mkdirSync(join(dir, "node_modules"), { recursive: true });
    const before = packageFingerprint(dir, "host");
    change(dir);
    expect(packageFingerprint(dir, "host")).not.toBe(before);
  });

  it("does not look inside node_modules' packages or dot-directories", () => {
    const dir = pkg();
    mkdirSync(join(dir, "node_modules", "dep"), { recursive: true });
    mkdirSync(join(dir, ".git"));
    const before = packageFingerprint(dir, "host");
    writeFileSync(join(dir, "node_modules", "dep", "index.js"), "changed\n");
    writeFileSync(join(dir, ".git", "HEAD"), "ref: refs/heads/other\n");
    expect(packageFingerprint(dir, "host")).toBe(before);
  });

  it("is undefined for a directory that cannot be read, or a package with too many files of its own", () => {
    expect(packageFingerprint(join(makeTempDir(), "gone"), "host")).toBeUndefined();
    const dir = pkg();
    const files = Object.fromEntries(Array.from({ length: MAX_FILES }, (_, i) => [`f${i}.js`, ""]));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    expect(packageFingerprint(dir, "host")).toBeUndefined();
  });

  it("ends at a symbolic link looping back into the package", () => {
    const dir = pkg();
    symlinkSync(dir, join(dir, "lib", "loop"), "dir");
    expect(packageFingerprint(dir, "host")).toBeUndefined();
  });
});
