// changedInput: the check every run from the start-up snapshot makes before anything else.
import { rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeTempDir } from "@integrations/test-utils";
import { changedInput } from "./snapshot-inputs.js";

describe("changedInput", () => {
  function inputs() {
    const dir = makeTempDir();
    const files = ["a.js", "b.js", "package.json"].map((name) => join(dir, name));
    const builtAt = Date.now();
    const before = new Date(builtAt - 60_000);
    for (const file of files) {
      writeFileSync(file, "x");
      utimesSync(file, before, before);
    }
    return { builtAt, files, installedFiles: [] as string[] };
  }

  it("finds none while every file is older than the build", () => {
    expect(changedInput(inputs())).toBeUndefined();
  });

  it("names a file modified after the build started", () => {
    const watched = inputs();
    // A second later: utimes rounds a Date's milliseconds, so the build's very instant is not exact.
    const after = new Date(watched.builtAt + 1_000);
    utimesSync(watched.files[1]!, after, after);
    expect(changedInput(watched)).toBe(watched.files[1]);
  });

  it("names an installed file whose inode changed after the build, even with an old modification time", () => {
    const watched = inputs();
    const installed = watched.files.pop()!;
    const old = new Date(watched.builtAt - 60_000);
    const reinstalled = { ...watched, installedFiles: [installed], builtAt: Date.now() + 1 };
    // As npm leaves a reinstalled file: written anew (ctime now), with the modification time of its tarball.
    writeFileSync(installed, "y");
    utimesSync(installed, old, old);
    expect(changedInput({ ...reinstalled, builtAt: statSync(installed).ctimeMs + 1 })).toBeUndefined();
    expect(changedInput({ ...reinstalled, builtAt: statSync(installed).ctimeMs })).toBe(installed);
    expect(changedInput({ ...reinstalled, files: [...reinstalled.files, installed], installedFiles: [], builtAt: statSync(installed).ctimeMs })).toBeUndefined();
  });

  it("names a file that is gone", () => {
    const watched = inputs();
    rmSync(watched.files[2]!);
    expect(changedInput(watched)).toBe(watched.files[2]);
  });
});
