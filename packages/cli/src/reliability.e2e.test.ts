// Reliability of the edit path (issue 6, items 1–3; DESIGN.md §5) through the built CLI:
// concurrent writers never lose each other's changes, a writer killed at any point leaves the old or
// the new file (never a partial one) and nothing that blocks the next run, a live lock holder is never
// overtaken, and the file system is taken as it is (symlinks, modes, read-only files).
// No assertion here is about time: waits only bound the tests.
import { spawn } from "node:child_process";
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  realpathSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { assertValidConfig, CLI_BIN, cliEnv, makeTempDir, parseYaml, runCli, workspacePath } from "@integrations/test-utils";

// ---------------------------------------------------------------------------------------------------
// Helpers

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Starts the built CLI asynchronously (so that many can run at once); killed after 90 s at the latest. */
function start(args: readonly string[], cwd: string) {
  const child = spawn(process.execPath, [CLI_BIN, ...args], { cwd, env: cliEnv(), stdio: ["ignore", "pipe", "pipe"] });
  const guard = setTimeout(() => child.kill("SIGKILL"), 90_000);
  const done = new Promise<Run>((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(guard);
      resolve({ code, signal, stdout, stderr });
    });
  });
  return { child, done };
}

const run = (args: readonly string[], cwd: string): Promise<Run> => start(args, cwd).done;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The slack flags every block here is written with; the block reads back as `slackObject`. */
const slackArgs = (name: string) => ["slack", "--name", name, "-token", "env:T", "-signing-secret", "env:S", "-file", "config.yaml"];

/** A slack block as the CLI writes it into a 2-space file. */
function slackText(name: string, window = "1m"): string {
  return [
    `  - name: ${name}`,
    "    destination: https://slack.com/api",
    "    in_rate_limit: 50",
    "    out_rate_limit: 50",
    `    rate_limit_window: ${window}`,
    "    idle_conn_timeout: 10s",
    "    incoming_auth:",
    "      - type: slack_signature",
    "        params:",
    "          secrets:",
    "            - env:S",
    "    outgoing_auth:",
    "      - type: token",
    "        params:",
    "          header: Authorization",
    '          prefix: "Bearer "',
    "          secrets:",
    "            - env:T",
    "",
  ].join("\n");
}

/** The same block as data. */
function slackObject(name: string, window = "1m"): Record<string, unknown> {
  return parseYaml(`integrations:\n${slackText(name, window)}`).integrations[0] as Record<string, unknown>;
}

/** A config file holding slack blocks of these names, with a comment to prove it is kept. */
function configOf(names: readonly string[]): string {
  return `# reliability fixture\nintegrations:\n${names.map((name) => slackText(name)).join("")}`;
}

function namesIn(text: string): string[] {
  return ((parseYaml(text) as { integrations: { name: string }[] }).integrations ?? []).map((item) => item.name);
}

/** A temp dir holding config.yaml with `content`. */
function sandbox(content?: string): { dir: string; file: string } {
  const dir = makeTempDir();
  const file = join(dir, "config.yaml");
  if (content !== undefined) writeFileSync(file, content);
  return { dir, file };
}

/** Reproducible pseudo-random numbers in [0, 1) (mulberry32). */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** proper-lockfile as core resolves it, with core's options (packages/core/src/file/lock.ts). */
interface LockFile {
  lock(file: string, options: object): Promise<() => Promise<void>>;
}
const coreRequire = createRequire(workspacePath("packages", "core", "package.json"));
const properLockfile = coreRequire("proper-lockfile") as LockFile;
const PROPER_LOCKFILE_PATH = coreRequire.resolve("proper-lockfile");
const CORE_LOCK_OPTIONS = { realpath: false, stale: 10_000, update: 2_000 };

// ---------------------------------------------------------------------------------------------------
// 1. Concurrent writers

describe("concurrent writers", () => {
  it("32 processes adding 32 different integrations at once: all exit 0, all 32 blocks present, valid", async () => {
    const { dir, file } = sandbox();
    const names = Array.from({ length: 32 }, (_, i) => `s${i}`);
    const results = await Promise.all(names.map((name) => run(slackArgs(name), dir)));

    for (const [i, result] of results.entries()) {
      expect({ name: names[i], code: result.code, stderr: result.stderr }).toEqual({ name: names[i], code: 0, stderr: "" });
    }
    const text = readFileSync(file, "utf8");
    assertValidConfig(text);
    expect(namesIn(text).sort()).toEqual([...names].sort());
    for (const item of (parseYaml(text) as { integrations: { name: string }[] }).integrations) {
      expect(item).toEqual(slackObject(item.name));
    }
    expect(readdirSync(dir)).toEqual(["config.yaml"]); // no lock dir, no temp file
  }, 60_000);

  it("32 processes mixing adds, updates and deletes on a 16-block file: every change kept, valid", async () => {
    const seededNames = Array.from({ length: 16 }, (_, i) => `m${i}`);
    const { dir, file } = sandbox(configOf(seededNames));
    assertValidConfig(readFileSync(file, "utf8"));

    const adds = Array.from({ length: 16 }, (_, i) => `n${i}`);
    const updates = seededNames.slice(0, 10);
    const deletes = seededNames.slice(10);
    const jobs: string[][] = [
      ...adds.map((name) => slackArgs(name)),
      ...updates.map((name) => ["update", ...slackArgs(name), "--rate-limit-window", "30s"]),
      ...deletes.map((name) => ["delete", name, "-file", "config.yaml"]),
    ];
    expect(jobs).toHaveLength(32);
    // Interleave the kinds so that they really start together.
    const order = jobs.map((job, i) => ({ job, key: (i * 13) % 32 })).sort((a, b) => a.key - b.key);
    const results = await Promise.all(order.map(({ job }) => run(job, dir).then((result) => ({ job, result }))));

    for (const { job, result } of results) {
      expect({ job: job.join(" "), code: result.code, stderr: result.stderr }).toEqual({ job: job.join(" "), code: 0, stderr: "" });
    }
    const text = readFileSync(file, "utf8");
    assertValidConfig(text);
    expect(text.startsWith("# reliability fixture\nintegrations:\n")).toBe(true);
    const expected = new Map<string, Record<string, unknown>>([
      ...updates.map((name) => [name, slackObject(name, "30s")] as const),
      ...adds.map((name) => [name, slackObject(name)] as const),
    ]);
    const items = (parseYaml(text) as { integrations: { name: string }[] }).integrations;
    expect(items.map((item) => item.name).sort()).toEqual([...expected.keys()].sort());
    for (const item of items) expect(item).toEqual(expected.get(item.name));
    // The blocks that were only updated stay where they were, in their order.
    expect(items.slice(0, updates.length).map((item) => item.name)).toEqual(updates);
    expect(readdirSync(dir)).toEqual(["config.yaml"]);
  }, 60_000);
});

// ---------------------------------------------------------------------------------------------------
// 2. Crash safety and the lock

describe("crash safety", () => {
  const BASE = configOf(["alpha", "beta", "gamma"]);

  /** The file after `slack --name <name>` on BASE, from a reference run. */
  function reference(name: string): Buffer {
    const { dir, file } = sandbox(BASE);
    const result = runCli(slackArgs(name), { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    return readFileSync(file);
  }

  // These five run side by side: all but the kill loop mostly wait on a lock.
  it.concurrent("50 SIGKILLs at random points: the file is the old or the new one, valid, and the next run succeeds", async () => {
    const OLD = Buffer.from(BASE);
    const NEW = reference("crash");
    const AFTER = reference("next"); // BASE + next
    const random = seeded(20_240_606);
    const { dir, file } = sandbox();
    const lockDir = `${realpathSync(dir)}/config.yaml.lock`;
    const temps = new Set<string>();
    const tally = { window: 0, lockSeen: 0, killed: 0, old: 0, new: 0, lockLeft: 0, tempLeft: 0, exitedFirst: 0 };

    // A run's start-up alone takes longer than 300 ms here (node + commander + yaml + zod + plugins),
    // so kills drawn from 0–300 ms all land before the lock is taken. The window is therefore one
    // whole run, measured on this machine (the fastest of three, at least 300 ms), so that the kills
    // spread over start-up, the lock, the write and the exit. The seed fixes the fractions of it.
    const durations: number[] = [];
    for (let i = 0; i < 3; i++) {
      writeFileSync(file, BASE);
      const started = Date.now();
      const result = await run(slackArgs("crash"), dir);
      expect(result.code, result.stderr).toBe(0);
      durations.push(Date.now() - started);
    }
    tally.window = Math.max(300, Math.min(...durations));

    // Half the kills land at a random point of the whole run; the other half a random 0–40 ms after
    // the lock dir appears (polled every millisecond), so that the short locked stretch (read,
    // compute, temp write, fsync, rename, release) is hit too.
    for (let i = 0; i < 50; i++) {
      writeFileSync(file, BASE);
      const afterLock = i % 2 === 1;
      const delay = Math.floor(random() * ((afterLock ? 40 : tally.window) + 1));
      const { child, done } = start(slackArgs("crash"), dir);
      let exited = false;
      void done.then(() => (exited = true));
      if (afterLock) {
        for (let polls = 0; polls < 30_000 && !exited && !existsSync(lockDir); polls++) await sleep(1);
        if (existsSync(lockDir)) tally.lockSeen++;
      }
      await sleep(delay);
      child.kill("SIGKILL");
      const result = await done;
      if (result.signal === "SIGKILL") tally.killed++;
      else {
        expect(result.code, result.stderr).toBe(0); // it finished before the kill
        tally.exitedFirst++;
      }

      const bytes = readFileSync(file);
      const isOld = bytes.equals(OLD);
      const isNew = bytes.equals(NEW);
      expect({ i, delay, oldOrNew: isOld || isNew }).toEqual({ i, delay, oldOrNew: true });
      if (result.signal !== "SIGKILL") expect(isNew).toBe(true);
      if (isOld) tally.old++;
      else tally.new++;
      assertValidConfig(bytes.toString("utf8"));

      // A kill between the temp file's creation and the rename leaves the temp file (config.yaml.<hash>):
      // counted and reported, it must not block the next run.
      for (const entry of readdirSync(dir)) if (entry !== "config.yaml" && entry !== "config.yaml.lock") temps.add(entry);
      if (existsSync(lockDir)) {
        tally.lockLeft++;
        // The dead holder's lock stops being refreshed; core treats it as stale after 10 s. The wait
        // itself is proved in real time in the next test; here the clock is moved past it (the lock
        // dir's mtime is what proper-lockfile reads) so that 50 kills fit in the suite's time.
        const past = new Date(Date.now() - 11_000);
        utimesSync(lockDir, past, past);
      }

      // The next run: a fresh add on BASE, beside whatever lock or temp file the kill left.
      writeFileSync(file, BASE);
      const next = await run(slackArgs("next"), dir);
      expect({ i, code: next.code, stderr: next.stderr }).toEqual({ i, code: 0, stderr: "" });
      expect(readFileSync(file).equals(AFTER)).toBe(true);
      expect(existsSync(lockDir)).toBe(false);
    }

    tally.tempLeft = temps.size;
    console.info(`crash safety: ${JSON.stringify(tally)}`);
    for (const temp of temps) expect(temp).toMatch(/^config\.yaml\.[0-9a-f]+$/);
    expect(tally.killed).toBeGreaterThanOrEqual(10); // the kills did land
  }, 90_000);

  it.concurrent("a lock left by a SIGKILLed holder is cleared: the next run waits it out within its retry budget", async () => {
    const { dir, file } = sandbox(BASE);
    const target = realpathSync(file);
    // A separate process takes the lock as core does, then dies without releasing it.
    const holder = spawn(
      process.execPath,
      [
        "-e",
        `require(${JSON.stringify(PROPER_LOCKFILE_PATH)}).lock(${JSON.stringify(target)}, ${JSON.stringify(CORE_LOCK_OPTIONS)})` +
          `.then(() => { process.stdout.write("held\\n"); setInterval(() => {}, 1000); });`,
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    const guard = setTimeout(() => holder.kill("SIGKILL"), 30_000);
    await new Promise<void>((resolve, reject) => {
      holder.stdout.setEncoding("utf8").on("data", (chunk: string) => chunk.includes("held") && resolve());
      holder.on("exit", () => reject(new Error("the lock holder exited before taking the lock")));
    });
    const exited = new Promise((resolve) => holder.on("exit", resolve));
    holder.kill("SIGKILL");
    await exited;
    clearTimeout(guard);
    expect(existsSync(`${target}.lock`)).toBe(true);

    const result = await run(slackArgs("crash"), dir);
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: "" });
    expect(readFileSync(file).equals(reference("crash"))).toBe(true);
    expect(readdirSync(dir)).toEqual(["config.yaml"]);
  }, 60_000);

  it.concurrent("a live holder's lock is never taken: the run waits, then fails with 'locked' and writes nothing", async () => {
    const { dir, file } = sandbox(BASE);
    const release = await properLockfile.lock(realpathSync(file), CORE_LOCK_OPTIONS);
    let result: Run;
    try {
      // The CLI retries for well over core's 10 s stale time: the holder's refreshes must keep it off.
      result = await run(slackArgs("crash"), dir);
      expect(readFileSync(file, "utf8")).toBe(BASE);
    } finally {
      await release();
    }
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("config.yaml is locked by another integrations run");
    expect(readFileSync(file, "utf8")).toBe(BASE);
    expect(readdirSync(dir)).toEqual(["config.yaml"]);
  }, 60_000);

  // BUG (DESIGN.md §5 "a live lock holder is never judged stale"): liveness is judged only by the lock
  // dir's mtime, refreshed by a timer every 2 s. A holder whose event loop is busy for more than the
  // 10 s stale time (a huge file parsed synchronously, a stalled disk) is alive but stops refreshing,
  // and the next run removes its lock and writes; the slow holder then writes over it. A fix: record
  // the holder's pid (and host) in the lock and never judge a lock stale while that process lives.
  it.concurrent.fails("BUG: a live holder whose event loop is busy beyond the stale time keeps its lock", async () => {
    const { dir, file } = sandbox(BASE);
    const target = realpathSync(file);
    // A holder that takes the lock as core does, then blocks its event loop for 14 s, then releases.
    const holder = spawn(
      process.execPath,
      [
        "-e",
        `require(${JSON.stringify(PROPER_LOCKFILE_PATH)}).lock(${JSON.stringify(target)}, ${JSON.stringify(CORE_LOCK_OPTIONS)})` +
          `.then((release) => { process.stdout.write("held\\n"); Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 14000);` +
          ` return release().catch(() => {}); });`,
      ],
      { stdio: ["ignore", "pipe", "ignore"] },
    );
    const guard = setTimeout(() => holder.kill("SIGKILL"), 40_000);
    let holderAlive = true;
    const holderDone = new Promise<void>((resolve) => holder.on("exit", () => ((holderAlive = false), resolve())));
    await new Promise<void>((resolve, reject) => {
      holder.stdout.setEncoding("utf8").on("data", (chunk: string) => chunk.includes("held") && resolve());
      void holderDone.then(() => reject(new Error("the lock holder exited before taking the lock")));
    });
    try {
      const result = await run(slackArgs("crash"), dir);
      const aliveWhenDone = holderAlive;
      // While the holder lives, the run must not have written: it waits it out or fails with "locked".
      if (aliveWhenDone) {
        expect({ code: result.code, locked: result.stderr.includes("is locked") }).toEqual({ code: 1, locked: true });
        expect(readFileSync(file, "utf8")).toBe(BASE);
      } else {
        expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: "" });
      }
    } finally {
      await holderDone;
      clearTimeout(guard);
    }
  }, 60_000);

  it.concurrent("a live holder's lock: the run waits, and succeeds once the holder releases", async () => {
    const { dir, file } = sandbox(BASE);
    const release = await properLockfile.lock(realpathSync(file), CORE_LOCK_OPTIONS);
    let pending: Promise<Run>;
    try {
      pending = run(slackArgs("crash"), dir);
      // Long enough for the run to be waiting on the lock and for one refresh (every 2 s) to happen.
      await sleep(3_000);
      expect(readFileSync(file, "utf8")).toBe(BASE);
    } finally {
      await release();
    }
    const result = await pending;
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: "" });
    expect(readFileSync(file).equals(reference("crash"))).toBe(true);
    expect(readdirSync(dir)).toEqual(["config.yaml"]);
  }, 60_000);
});

// ---------------------------------------------------------------------------------------------------
// 3. The file system as it is (a directory and a missing parent for `add`: add-errors.e2e.test.ts)

describe("the file system as it is", () => {
  const BASE = configOf(["alpha", "beta"]);

  it("a symlinked config: add, update and delete write the target and keep the link", async () => {
    const dir = makeTempDir();
    mkdirSync(join(dir, "real"));
    const target = join(dir, "real", "config.yaml");
    writeFileSync(target, BASE);
    symlinkSync(join("real", "config.yaml"), join(dir, "config.yaml"));

    const steps: [string[], string][] = [
      [slackArgs("gamma"), BASE + slackText("gamma")],
      [["update", ...slackArgs("alpha"), "--rate-limit-window", "30s"], configOf(["alpha", "beta", "gamma"]).replace("rate_limit_window: 1m", "rate_limit_window: 30s")],
      [["delete", "beta", "-file", "config.yaml"], configOf(["alpha", "gamma"]).replace("rate_limit_window: 1m", "rate_limit_window: 30s")],
    ];
    for (const [args, expected] of steps) {
      const result = await run(args, dir);
      expect({ args: args.join(" "), code: result.code, stderr: result.stderr }).toEqual({ args: args.join(" "), code: 0, stderr: "" });
      expect(lstatSync(join(dir, "config.yaml")).isSymbolicLink()).toBe(true);
      expect(readlinkSync(join(dir, "config.yaml"))).toBe(join("real", "config.yaml"));
      expect(readFileSync(target, "utf8")).toBe(expected);
      expect(readdirSync(dir).sort()).toEqual(["config.yaml", "real"]);
      expect(readdirSync(join(dir, "real"))).toEqual(["config.yaml"]); // the lock lived beside the target and is gone
    }
    assertValidConfig(readFileSync(target, "utf8"));
  });

  // write-file-atomic falls back to the link's own path when realpath fails, so the rename replaces
  // the link with a regular file: the link is lost and the (missing) target is never created.
  it.fails("BUG: a dangling symlink (target in an existing directory) is written through, the link kept", async () => {
    const dir = makeTempDir();
    mkdirSync(join(dir, "real"));
    symlinkSync(join("real", "config.yaml"), join(dir, "config.yaml"));
    const result = await run(slackArgs("gamma"), dir);
    expect(result.code).toBe(0);
    expect(lstatSync(join(dir, "config.yaml")).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, "real", "config.yaml"), "utf8")).toBe(`integrations:\n${slackText("gamma")}`);
  });

  it("the file's mode is kept through add, update and delete (0640 stays 0640, 0600 stays 0600)", async () => {
    for (const mode of [0o640, 0o600]) {
      const { dir, file } = sandbox(BASE);
      chmodSync(file, mode);
      for (const args of [slackArgs("gamma"), ["update", ...slackArgs("alpha"), "--rate-limit-window", "30s"], ["delete", "beta", "-file", "config.yaml"]]) {
        const result = await run(args, dir);
        expect({ args: args.join(" "), code: result.code, stderr: result.stderr }).toEqual({ args: args.join(" "), code: 0, stderr: "" });
        expect((statSync(file).mode & 0o777).toString(8)).toBe(mode.toString(8));
      }
      expect(namesIn(readFileSync(file, "utf8"))).toEqual(["alpha", "gamma"]);
      expect(readdirSync(dir)).toEqual(["config.yaml"]);
    }
  });

  it("a file with no write bit (0444) is refused by add, update and delete with a clear error, left unchanged", async () => {
    const { dir, file } = sandbox(BASE);
    chmodSync(file, 0o444);
    for (const args of [slackArgs("gamma"), ["update", ...slackArgs("alpha"), "--rate-limit-window", "30s"], ["delete", "beta", "-file", "config.yaml"]]) {
      const result = await run(args, dir);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe("");
      expect(result.stderr).toContain("config.yaml is read-only (mode 444)");
      expect(result.stderr).toContain("chmod u+w");
      expect(readFileSync(file, "utf8")).toBe(BASE);
      expect(statSync(file).mode & 0o777).toBe(0o444);
      expect(readdirSync(dir)).toEqual(["config.yaml"]); // no temp file, no lock left
    }
  });

  it("a read-only target behind a symlink is refused too, link and target unchanged", async () => {
    const dir = makeTempDir();
    mkdirSync(join(dir, "real"));
    const target = join(dir, "real", "config.yaml");
    writeFileSync(target, BASE);
    chmodSync(target, 0o444);
    symlinkSync(join("real", "config.yaml"), join(dir, "config.yaml"));
    const result = await run(slackArgs("gamma"), dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("read-only (mode 444)");
    expect(lstatSync(join(dir, "config.yaml")).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, "utf8")).toBe(BASE);
    expect(readdirSync(join(dir, "real"))).toEqual(["config.yaml"]);
  });

  it("update and delete on a directory or under a missing parent: a clear error, nothing created", async () => {
    const dir = makeTempDir();
    mkdirSync(join(dir, "conf"));
    for (const args of [
      ["update", ...slackArgs("alpha").slice(0, -1), "conf"],
      ["delete", "alpha", "-file", "conf"],
    ]) {
      const result = await run(args, dir);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe("");
      expect(result.stderr).toContain("conf is a directory");
      expect(result.stderr).not.toContain("locked");
    }
    for (const args of [
      ["update", ...slackArgs("alpha").slice(0, -1), join("missing", "config.yaml")],
      ["delete", "alpha", "-file", join("missing", "config.yaml")],
    ]) {
      const result = await run(args, dir);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe("");
      expect(result.stderr).toContain("directory missing does not exist");
      expect(result.stderr).not.toContain("locked");
    }
    expect(readdirSync(dir)).toEqual(["conf"]);
    expect(readdirSync(join(dir, "conf"))).toEqual([]);
  });
});
