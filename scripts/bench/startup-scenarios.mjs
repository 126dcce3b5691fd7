// The start-up scenarios that both modes time: `--help`, an add into a missing file, `list` with N
// plugins installed and one integration run among 200 (sandboxed, and trusted). Fixtures are made by each scenario's
// `prepare` (so `--list` makes none) and shared between scenarios with the same plugin count.
import { spawnSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SLACK_FLAGS, pad, pluginProject, writeJson } from "./fixtures.mjs";

/** The 200-plugin project again, under its own id, whose CLI config trusts ubench101 to run in process. */
function trustedProject(root, id) {
  const p = pluginProject(root, id, 200);
  writeFileSync(join(p.cwd, ".integrationsrc.yaml"), "trust:\n  - integrations-plugin-ubench101\n");
  return p;
}

/**
 * Scenarios running `bin` (the CLI as a user's shell starts it) with `env`, fixtures under `root`.
 * A scenario's `prepare` extends its own `env`, so a copy with another `env` (`{ ...s, env }`) keeps it.
 */
export function startupScenarios({ bin, env, root, rounds, listCounts }) {
  const empty = join(root, "project-empty");
  writeJson(join(empty, "package.json"), { name: "bench-empty", private: true });
  const list = [];
  list.push({ id: "help", label: "integrations --help", command: bin, args: ["--help"], cwd: empty, env, rounds, expect: /Usage/ });
  list.push({
    id: "add-missing",
    label: "add slack to a missing file",
    command: bin,
    args: ["slack", "-file", "config.yaml", ...SLACK_FLAGS],
    cwd: empty,
    env,
    rounds,
    reset: () => rmSync(join(empty, "config.yaml"), { force: true }),
  });

  const projects = new Map();
  const project = (count) => {
    if (!projects.has(count)) projects.set(count, pluginProject(root, `p${count}`, count));
    return projects.get(count);
  };
  for (const count of listCounts) {
    list.push({
      id: `list-${count}`,
      label: `list, ${count} plugins installed`,
      prepare() {
        const p = project(count);
        this.cwd = p.cwd;
        this.env = { ...this.env, INTEGRATIONS_DATA_DIR: p.data };
      },
      command: bin,
      args: ["list"],
      env,
      rounds,
      expect: count ? new RegExp(`ubench${pad(count - 1, 3)}`) : /slack/,
    });
  }
  list.push({
    id: "list-200-checked",
    label: "list, 200 plugins, each remembered",
    // `list --check` first: every plugin has a remembered outcome, so `list` fingerprints all 200
    // packages (the steady state of a machine whose plugins have run), where `list-200` has none
    // (its own cache directory keeps them apart).
    prepare() {
      const p = project(200);
      this.cwd = p.cwd;
      this.env = { ...this.env, INTEGRATIONS_DATA_DIR: p.data, XDG_CACHE_HOME: join(root, "cache-checked") };
      const check = spawnSync(bin, ["list", "--check"], { cwd: p.cwd, env: this.env, encoding: "utf8" });
      if (check.status !== 0) throw new Error(`list --check failed: ${check.stderr}`);
    },
    command: bin,
    args: ["list"],
    env,
    rounds,
    // Its status is `ok`, whether or not a column (how it runs) follows.
    expect: /^ubench199\s.*\sok(\s|$)/m,
  });
  // One integration run among 200 installed: a plugin of the user dir, the later of the two sources.
  // Third-party plugins run sandboxed (a node process of their own) unless trusted: `run-200` times
  // the sandboxed run, `run-200-trusted` the same plugin trusted by the project's CLI config (in
  // process, as every plugin ran before the sandbox), in a project of its own with the same 200.
  const run200 = (id, label, projectId, trusted) => ({
    id,
    label,
    prepare() {
      const p = trusted ? trustedProject(root, projectId) : project(200);
      this.cwd = p.cwd;
      this.env = { ...this.env, INTEGRATIONS_DATA_DIR: p.data };
      this.reset = () => rmSync(join(p.cwd, "config.yaml"), { force: true });
    },
    command: bin,
    args: ["ubench101", "-file", "config.yaml", "-token", "env:UBENCH_TOKEN"],
    env,
    rounds,
  });
  list.push(run200("run-200", "run one integration, 200 installed (sandboxed)", "p200", false));
  list.push(run200("run-200-trusted", "run one integration, 200 installed (trusted)", "p200-trusted", true));
  return list;
}
