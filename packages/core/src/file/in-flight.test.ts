import { existsSync, lstatSync, mkdtempSync, symlinkSync, unlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { releaseLocksNow } from "./in-flight.js";
import { withFileLock } from "./lock.js";

const present = (path: string) => lstatSync(path, { throwIfNoEntry: false }) !== undefined;

describe("releaseLocksNow", () => {
  it("removes the lock this process holds, at once", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "in-flight-")), "config.yaml");
    await withFileLock(file, () => {
      expect(present(`${file}.lock`)).toBe(true);
      releaseLocksNow();
      expect(present(`${file}.lock`)).toBe(false);
    });
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it("leaves a lock that another holder took in its place", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "in-flight-")), "config.yaml");
    await withFileLock(file, () => {
      unlinkSync(`${file}.lock`); // ours went (cleared as abandoned, say), and another run took the lock
      symlinkSync("integrations pid=1 host=elsewhere token=theirs", `${file}.lock`);
      releaseLocksNow();
      expect(present(`${file}.lock`)).toBe(true);
    });
  });
});
