import { describe, expect, it } from "vitest";
import { makeTempDir } from "@integrations/test-utils";
import { answering, findPlugin, mergeSources, unresolvedEntriesFor } from "./discover.js";
import { packageManagerOf } from "./package-manager.js";
import type { PluginRecord } from "./record.js";

function record(packageName: string, source: PluginRecord["source"], more: Partial<PluginRecord> = {}): PluginRecord {
  return { integration: "billing", packageName, dir: `/${source}/${packageName}`, source, status: "ok", manifest: true, version: "1.0.0", ...more };
}

describe("an unresolved --plugin or plugins: entry", () => {
  const broken = record("integrations-plugin-billing", "config", { status: "error", cause: 'plugins entry "billing" … cannot be resolved', unresolved: true, version: undefined });
  const global = record("integrations-plugin-billing", "global");

  it("shadows nothing; its cause names the copy that runs instead", () => {
    const merged = mergeSources([[], [broken], [], [], [global], []]);
    expect(merged.map((r) => `${r.source} ${r.status}`)).toEqual(["config error", "global ok"]);
    expect(merged[0]!.cause).toBe('plugins entry "billing" … cannot be resolved; meanwhile integrations billing runs integrations-plugin-billing@1.0.0 (global, /global/integrations-plugin-billing)');
    expect(broken.cause).not.toContain("meanwhile");
    expect(findPlugin(merged, "billing")).toBe(merged[1]);
    expect(findPlugin(merged, "integrations-plugin-billing")).toBe(merged[1]);
    expect(answering(merged)).toEqual([merged[1]]);
    expect(unresolvedEntriesFor(merged, merged[1]!)).toEqual([merged[0]]);
  });

  it("is what runs (and fails with its cause) when no other copy offers the integration", () => {
    const merged = mergeSources([[], [broken], [], [], [], []]);
    expect(merged[0]!.cause).toBe(broken.cause);
    expect(findPlugin(merged, "billing")).toBe(merged[0]);
    expect(answering(merged)).toEqual(merged);
  });

  it("a resolved error record still wins its integration, as before", () => {
    const bad = record("@dev/integrations-plugin-billing", "config", { status: "error", cause: "its package.json cannot be read" });
    const merged = mergeSources([[], [bad], [], [], [global], []]);
    expect(merged.map((r) => r.status)).toEqual(["error", "shadowed"]);
    expect(findPlugin(merged, "billing")).toBe(merged[0]);
  });
});

describe("packageManagerOf", () => {
  it("reads the lockfile, else package.json's packageManager, else npm", () => {
    expect(packageManagerOf(makeTempDir({ "pnpm-lock.yaml": "", "package.json": "{}" }))).toBe("pnpm");
    expect(packageManagerOf(makeTempDir({ "yarn.lock": "" }))).toBe("yarn");
    expect(packageManagerOf(makeTempDir({ "package-lock.json": "{}", "package.json": JSON.stringify({ packageManager: "pnpm@10.0.0" }) }))).toBe("npm");
    expect(packageManagerOf(makeTempDir({ "package.json": JSON.stringify({ packageManager: "yarn@4.1.0" }) }))).toBe("yarn");
    expect(packageManagerOf(makeTempDir())).toBe("npm");
  });
});
