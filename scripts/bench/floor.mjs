// The floor of any start from a V8 user snapshot: node started from a snapshot built from an empty
// script. It varies from machine to machine, so it is measured in the same run as the scenarios
// (docs/performance.md, "Running the benchmark").
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";

/** Builds `empty.blob` in `dir` with `node` and `env`; returns the floor scenario (node from it, running `-e 0`). */
export function emptySnapshotFloor({ node, dir, env, rounds }) {
  const script = join(dir, "empty.cjs");
  const blob = join(dir, "empty.blob");
  writeFileSync(script, "");
  const build = spawnSync(node, ["--snapshot-blob", blob, "--build-snapshot", script], { cwd: dir, env, encoding: "utf8", timeout: 60_000 });
  if (build.status !== 0) throw new Error(`node --snapshot-blob empty.blob --build-snapshot empty.cjs failed (exit ${build.status ?? build.error?.message}): ${build.stderr.trim()}`);
  return { id: "floor", label: "node from an empty user snapshot", command: node, args: ["--snapshot-blob", blob, "-e", "0"], cwd: dir, env, rounds };
}
