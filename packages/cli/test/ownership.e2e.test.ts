/**
 * End to end (docs/security.md "Who owns the file after an edit"): edits by
 * non-root users of a shared config, run for real as other users through `setpriv` (uids and gids
 * with no passwd entry: nothing is added to the system). An edit replaces the file atomically, so it
 * belongs to the editing user afterwards (only root may give a file to another user), but its group
 * and mode are kept; an edit the file's own permissions forbid, or one that would drop a group
 * granting access others lack, is refused with the file byte for byte, owner, group and mode as they were.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, chownSync, mkdirSync, readdirSync, readFileSync, realpathSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { assertValidConfig, isolatedEnv, makeTempDir, parseYaml, runCli, SLACK_FLAGS, slackBlock, type CliResult } from "@integrations/test-utils";

const TEAM = 60_001;
const PROXY = 60_002;
const ALICE = { uid: 60_010, gid: 60_010, groups: [TEAM] };
const BOB = { uid: 60_011, gid: 60_011, groups: [TEAM] };

/**
 * Root with the right to switch users (a container may drop it), setpriv installed, and a checkout
 * that other users can run the CLI from (not under a directory of mode 0700, as `mktemp -d` makes).
 */
const canSwitchUsers =
  process.getuid?.() === 0 && spawnSync("setpriv", [`--reuid=${BOB.uid}`, `--regid=${BOB.gid}`, "--clear-groups", "true"]).status === 0 && runCli(["--version"], { cwd: "/", user: BOB }).code === 0;

/** A directory `shared` (root:TEAM, 0775, not setgid: a kept group is the CLI's doing) holding config.yaml as given. */
function sharedConfig(owner: { uid: number; gid: number }, mode: number) {
  const base = makeTempDir();
  chmodSync(base, 0o755);
  const dir = join(base, "shared");
  mkdirSync(dir);
  chownSync(dir, 0, TEAM);
  chmodSync(dir, 0o775);
  const file = join(dir, "config.yaml");
  writeFileSync(file, `integrations:\n${slackBlock()}`);
  chownSync(file, owner.uid, owner.gid);
  chmodSync(file, mode);
  assertValidConfig(readFileSync(file, "utf8"));
  const env = isolatedEnv(join(base, "isolated"));
  return {
    dir,
    file,
    run: (user: typeof ALICE, args: string[]): CliResult => runCli(args, { cwd: dir, env, user }),
    identity: () => {
      const info = statSync(file);
      return { uid: info.uid, gid: info.gid, mode: (info.mode & 0o7777).toString(8) };
    },
    names: () => (parseYaml(readFileSync(file, "utf8")) as { integrations: { name: string }[] }).integrations.map((i) => i.name),
  };
}

/** One `error:` line on stderr, exit 1, nothing on stdout; the file as it was (bytes, owner, group, mode), nothing else left. */
function expectRefused(result: CliResult, shared: ReturnType<typeof sharedConfig>, before: { bytes: Buffer; identity: object }): string {
  expect(result.code, result.stderr).toBe(1);
  expect(result.stdout).toBe("");
  const lines = result.stderr.trimEnd().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^error: /);
  expect(readFileSync(shared.file).equals(before.bytes)).toBe(true);
  expect(shared.identity()).toEqual(before.identity);
  expect(readdirSync(shared.dir)).toEqual(["config.yaml"]);
  return lines[0]!;
}

describe.skipIf(!canSwitchUsers)("an edit by a non-root user of a config another user owns (needs root, setpriv, and a checkout other users can read)", () => {
  it("a team's group-writable config (alice:team 0664): bob and alice add, update and delete; each edit keeps the group and mode, the file belongs to the last editor", () => {
    const shared = sharedConfig({ uid: ALICE.uid, gid: TEAM }, 0o664);

    const add = shared.run(BOB, ["slack", "--name", "bob-slack", ...SLACK_FLAGS]);
    expect({ code: add.code, stderr: add.stderr }).toEqual({ code: 0, stderr: "" });
    expect(shared.identity()).toEqual({ uid: BOB.uid, gid: TEAM, mode: "664" });
    expect(shared.names()).toEqual(["slack", "bob-slack"]);

    const update = shared.run(ALICE, ["update", "slack", "--name", "bob-slack", ...SLACK_FLAGS, "--rate-limit-window", "30s"]);
    expect({ code: update.code, stderr: update.stderr }).toEqual({ code: 0, stderr: "" });
    expect(shared.identity()).toEqual({ uid: ALICE.uid, gid: TEAM, mode: "664" });
    expect(readFileSync(shared.file, "utf8")).toContain("rate_limit_window: 30s");

    const remove = shared.run(BOB, ["delete", "bob-slack"]);
    expect({ code: remove.code, stderr: remove.stderr }).toEqual({ code: 0, stderr: "" });
    expect(shared.identity()).toEqual({ uid: BOB.uid, gid: TEAM, mode: "664" });
    expect(shared.names()).toEqual(["slack"]);
    assertValidConfig(readFileSync(shared.file, "utf8"));
    expect(readdirSync(shared.dir)).toEqual(["config.yaml"]);
  });

  it("a config bob may not write (alice:team 0644), in a directory he may write: refused, untouched (a rename would have replaced it)", () => {
    const shared = sharedConfig({ uid: ALICE.uid, gid: TEAM }, 0o644);
    const before = { bytes: readFileSync(shared.file), identity: shared.identity() };
    for (const args of [
      ["slack", "--name", "bob-slack", ...SLACK_FLAGS],
      ["delete", "slack"],
    ]) {
      const line = expectRefused(shared.run(BOB, args), shared, before);
      expect(line).toBe(
        `error: config.yaml is not writable by this user (uid ${BOB.uid}): it belongs to uid ${ALICE.uid}, group ${TEAM}, mode 644; ask its owner for write access (a group you share, chmod g+w config.yaml) and run again`,
      );
    }
  });

  it("bob's own config in a directory he may not write (root:team 0755): refused, untouched, naming the directory and not the lock's details", () => {
    const shared = sharedConfig({ uid: BOB.uid, gid: BOB.gid }, 0o644);
    chmodSync(shared.dir, 0o755);
    const before = { bytes: readFileSync(shared.file), identity: shared.identity() };
    for (const args of [
      ["slack", "--name", "bob-slack", ...SLACK_FLAGS],
      ["delete", "slack"],
    ]) {
      const line = expectRefused(shared.run(BOB, args), shared, before);
      expect(line).toBe(
        `error: cannot lock config.yaml: directory ${realpathSync(shared.dir)} is not writable by this user (uid ${BOB.uid}), and the lock and the new version of the file are made there; ask for write access to it, or keep the config in a directory you may write`,
      );
    }
  });

  it("bob's own config readable by the proxy's group he is not in (bob:proxy 0640): refused, untouched (the group would be lost); at 0666 the group grants nothing more and the edit goes ahead", () => {
    const shared = sharedConfig({ uid: BOB.uid, gid: PROXY }, 0o640);
    const before = { bytes: readFileSync(shared.file), identity: shared.identity() };
    const line = expectRefused(shared.run(BOB, ["slack", "--name", "bob-slack", ...SLACK_FLAGS]), shared, before);
    expect(line).toBe(
      `error: cannot write config.yaml: its group (gid ${PROXY}) grants access that others lack, and this user (uid ${BOB.uid}) is not in it, so the edited file could not keep it; run as a member of gid ${PROXY} (sg, newgrp) or as root`,
    );

    chmodSync(shared.file, 0o666);
    const add = shared.run(BOB, ["slack", "--name", "bob-slack", ...SLACK_FLAGS]);
    expect({ code: add.code, stderr: add.stderr }).toEqual({ code: 0, stderr: "" });
    expect(shared.identity()).toEqual({ uid: BOB.uid, gid: BOB.gid, mode: "666" });
    assertValidConfig(readFileSync(shared.file, "utf8"));
  });

  it("a config bob may not read (alice:alice 0600): every command says so in one plain line with the fix, no errno text; a directory he may not search is named as such", () => {
    const shared = sharedConfig({ uid: ALICE.uid, gid: ALICE.gid }, 0o600);
    const before = { bytes: readFileSync(shared.file), identity: shared.identity() };
    for (const args of [["slack", "--name", "bob-slack", ...SLACK_FLAGS], ["update", "slack", ...SLACK_FLAGS], ["delete", "slack"], ["validate"]]) {
      const line = expectRefused(shared.run(BOB, args), shared, before);
      expect(line, args.join(" ")).toBe("error: cannot read config.yaml: permission denied; check its mode (chmod u+r config.yaml)");
    }

    chmodSync(shared.file, 0o644);
    chmodSync(shared.dir, 0o770); // bob is in the group: he may search it; others may not
    const outsider = { uid: 60_012, gid: 60_012, groups: [] };
    const result = runCli(["validate", "-file", "shared/config.yaml"], { cwd: join(shared.dir, ".."), env: isolatedEnv(join(shared.dir, "..", "isolated")), user: outsider });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe("error: cannot read shared/config.yaml: permission denied on a directory in its path; check that each directory is searchable (chmod u+x <dir>)\n");
  });

  it("root editing alice's file keeps its owner, group and mode", () => {
    const shared = sharedConfig({ uid: ALICE.uid, gid: PROXY }, 0o640);
    const add = runCli(["slack", "--name", "root-slack", ...SLACK_FLAGS], { cwd: shared.dir });
    expect({ code: add.code, stderr: add.stderr }).toEqual({ code: 0, stderr: "" });
    expect(shared.identity()).toEqual({ uid: ALICE.uid, gid: PROXY, mode: "640" });
    expect(shared.names()).toEqual(["slack", "root-slack"]);
  });
});
