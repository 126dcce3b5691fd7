// Reliability of the edit path (docs/design.md "Editing `config.yaml`") through the built CLI:
// concurrent writers never lose each other's changes, a writer killed at any point leaves the old or
// the new file (never a partial one) and nothing that blocks the next run, a live lock holder is never
// overtaken, and the file system is taken as it is (symlinks, modes, read-only files).
// No assertion here is about time: waits only bound the tests.
import { spawn } from "node:child_process";
import { chmodSync, lstatSync, lutimesSync, mkdirSync, readFileSync, readdirSync, readlinkSync, realpathSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { assertValidConfig, makeTempDir, parseYaml, runCli, slackItemLines, startCli, workspacePath, type StartedResult } from "@integrations/test-utils";

// ---------------------------------------------------------------------------------------------------
// Helpers

const start = (args: readonly string[], cwd: string, guardMs?: number) => startCli(args, { cwd, ...(guardMs ? { guardMs } : {}) });
const run = (args: readonly string[], cwd: string, guardMs?: number): Promise<StartedResult> => start(args, cwd, guardMs).done;

/** What a finished edit prints on stdout: every concurrent run must print it, or its change may not be on disk. */
function successLine(args: readonly string[]): unknown {
  if (args[0] === "delete") return `deleted ${args[1]} from config.yaml\n`;
  // Which lines depends on the order the runs took the lock in.
  const name = args[args.indexOf("--name") + 1]!;
  const said = args[0] === "update" ? `updated ${name} in` : `added ${name} to`;
  return expect.stringMatching(new RegExp(`^${said} config\\.yaml \\(lines \\d+–\\d+\\)\\n$`));
}

/**
 * A kill guard for each of `count` runs started at once: twenty times what one run took just now
 * (the slowest of three, alone), times `count` (they queue on one lock and share the cores), and
 * never below 5 minutes. A bound on a stuck run that load cannot reach, never a speed check.
 */
async function concurrentGuardMs(count: number): Promise<number> {
  let slowest = 0;
  for (let i = 0; i < 3; i++) {
    const { dir } = sandbox();
    const began = performance.now();
    const result = await run(slackArgs("probe"), dir);
    expect(result.code, result.stderr).toBe(0);
    slowest = Math.max(slowest, performance.now() - began);
  }
  return Math.max(300_000, Math.ceil(slowest * 20 * count));
}

/** Runs every job at once in `dir`; each must exit 0 with its success line and nothing on stderr. */
async function allAtOnce(jobs: readonly (readonly string[])[], dir: string): Promise<void> {
  const guardMs = await concurrentGuardMs(jobs.length);
  const results = await Promise.all(jobs.map((job) => run(job, dir, guardMs)));
  for (const [i, result] of results.entries()) {
    const job = jobs[i]!.join(" ");
    expect({ job, code: result.code, signal: result.signal, stdout: result.stdout, stderr: result.stderr }).toEqual({ job, code: 0, signal: null, stdout: successLine(jobs[i]!), stderr: "" });
  }
}

/** Adds a slack block under each name, all processes at once in `dir` (`allAtOnce`). */
const addAllAtOnce = (names: readonly string[], dir: string) => allAtOnce(names.map(slackArgs), dir);

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The slack flags every block here is written with; the block reads back as `slackObject`. */
const slackArgs = (name: string) => ["slack", "--name", name, "-token", "env:T", "-signing-secret", "env:S", "-file", "config.yaml"];

/** A slack block as the CLI writes it into a 2-space file. */
function slackText(name: string, window = "1m"): string {
  return `${slackItemLines(name, { token: "env:T", signingSecret: "env:S" }, window).join("\n")}\n`;
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

/** Whether a path exists, not following a symlink (the lock is a symlink whose target does not exist). */
const present = (path: string) => lstatSync(path, { throwIfNoEntry: false }) !== undefined;

/** Core's own lock (packages/core/src/file/lock.ts), as built. */
const CORE_LOCK_URL = pathToFileURL(workspacePath("packages", "core", "dist", "file", "lock.js")).href;
const CORE_LOCK_STATE_URL = pathToFileURL(workspacePath("packages", "core", "dist", "file", "lock-state.js")).href;
const CORE_LOCK_OWNER_URL = pathToFileURL(workspacePath("packages", "core", "dist", "file", "lock-owner.js")).href;
type WithFileLock = <T>(file: string, work: () => Promise<T>) => Promise<T>;

/** Takes core's lock on `file` in this (live) process; resolves once held, with a function that releases it. */
async function holdLock(file: string): Promise<() => Promise<void>> {
  const { withFileLock } = (await import(CORE_LOCK_URL)) as { withFileLock: WithFileLock };
  let release!: () => void;
  let held!: () => void;
  const isHeld = new Promise<void>((resolve) => (held = resolve));
  const done = withFileLock(file, () => new Promise<void>((resolve) => ((release = resolve), held())));
  await isHeld;
  return async () => (release(), await done);
}

/**
 * Starts a separate process that takes core's lock on `file`, prints "held", then runs `body` (ESM
 * source, with `file` in scope) while holding it. Resolves once the lock is held.
 */
async function spawnHolder(file: string, body: string) {
  const source = `const { withFileLock } = await import(${JSON.stringify(CORE_LOCK_URL)}); const file = ${JSON.stringify(file)};
await withFileLock(file, async () => { process.stdout.write("held\\n"); ${body} });`;
  const holder = spawn(process.execPath, ["--input-type=module", "-e", source], { stdio: ["ignore", "pipe", "inherit"] });
  // A bound on a stuck holder only: well beyond the 14 s a holder below blocks, on a loaded machine.
  const guard = setTimeout(() => holder.kill("SIGKILL"), 240_000);
  let alive = true;
  const exited = new Promise<void>((resolve) => holder.on("exit", () => ((alive = false), clearTimeout(guard), resolve())));
  await new Promise<void>((resolve, reject) => {
    holder.stdout.setEncoding("utf8").on("data", (chunk: string) => chunk.includes("held") && resolve());
    void exited.then(() => reject(new Error("the lock holder exited before taking the lock")));
  });
  return { holder, exited, isAlive: () => alive };
}

// ---------------------------------------------------------------------------------------------------
// 1. Concurrent writers

describe("concurrent writers", () => {
  // Through the launcher, so from the start-up snapshot: a run waiting its turn on the lock arms its
  // first timer seconds after launch, which a snapshot built with a timer once let go unarmed (the
  // run then exited 0 without writing).
  it(
    "64 processes adding 64 different integrations at once: all exit 0 with their success line, all 64 blocks present, valid",
    async () => {
      const { dir, file } = sandbox();
      const names = Array.from({ length: 64 }, (_, i) => `s${i}`);
      await addAllAtOnce(names, dir);
      const text = readFileSync(file, "utf8");
      assertValidConfig(text);
      expect(namesIn(text).sort()).toEqual([...names].sort());
      for (const item of (parseYaml(text) as { integrations: { name: string }[] }).integrations) {
        expect(item).toEqual(slackObject(item.name));
      }
      expect(readdirSync(dir)).toEqual(["config.yaml"]); // no lock, no temp file
    },
    30 * 60_000,
  );

  it(
    "32 processes mixing adds, updates and deletes on a 16-block file: every change kept, valid",
    async () => {
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
      await allAtOnce(
        order.map(({ job }) => job),
        dir,
      );
      const text = readFileSync(file, "utf8");
      assertValidConfig(text);
      expect(text.startsWith("# reliability fixture\nintegrations:\n")).toBe(true);
      const expected = new Map<string, Record<string, unknown>>([...updates.map((name) => [name, slackObject(name, "30s")] as const), ...adds.map((name) => [name, slackObject(name)] as const)]);
      const items = (parseYaml(text) as { integrations: { name: string }[] }).integrations;
      expect(items.map((item) => item.name).sort()).toEqual([...expected.keys()].sort());
      for (const item of items) expect(item).toEqual(expected.get(item.name));
      // The blocks that were only updated stay where they were, in their order.
      expect(items.slice(0, updates.length).map((item) => item.name)).toEqual(updates);
      expect(readdirSync(dir)).toEqual(["config.yaml"]);
    },
    30 * 60_000,
  );
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

  // These ten run side by side: all but the kill loop mostly wait on a lock.
  it.concurrent("50 SIGKILLs at random points: the file is the old or the new one, valid; the next run succeeds and leaves no stray file", async () => {
    const OLD = Buffer.from(BASE);
    const NEW = reference("crash");
    const AFTER = reference("next"); // BASE + next
    const random = seeded(20_240_606);
    const { dir, file } = sandbox();
    const lockPath = `${realpathSync(dir)}/config.yaml.lock`;
    const temps = new Set<string>();
    const tally = { window: 0, lockSeen: 0, killed: 0, old: 0, new: 0, lockLeft: 0, tempLeft: 0, exitedFirst: 0 };

    // A run's start-up alone (node + commander + yaml + zod + plugins) can outlast a fixed window, whose
    // kills would then all land before the lock is taken. The window is therefore one whole run, timed
    // when the test runs (the fastest of three, at least 300 ms), so that the kills
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
    // the lock appears (polled every millisecond), so that the short locked stretch (read,
    // compute, temp write, fsync, rename, release) is hit too.
    for (let i = 0; i < 50; i++) {
      writeFileSync(file, BASE);
      const afterLock = i % 2 === 1;
      const delay = Math.floor(random() * ((afterLock ? 40 : tally.window) + 1));
      const { child, done } = start(slackArgs("crash"), dir);
      let exited = false;
      void done.then(() => (exited = true));
      if (afterLock) {
        for (let polls = 0; polls < 30_000 && !exited && !present(lockPath); polls++) await sleep(1);
        if (present(lockPath)) tally.lockSeen++;
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

      // A kill between the temp file's creation and the rename leaves the temp file
      // (config.yaml.integrations-tmp-<hex>), a kill while holding the lock leaves the lock: counted,
      // they must neither block the next run nor survive it. The lock names its dead holder's pid, so
      // the next run clears it at once (no clock is moved here).
      for (const entry of readdirSync(dir)) if (entry !== "config.yaml" && entry !== "config.yaml.lock") temps.add(entry);
      if (present(lockPath)) tally.lockLeft++;

      // The next run: a fresh add on BASE, beside whatever lock or temp file the kill left.
      writeFileSync(file, BASE);
      const next = await run(slackArgs("next"), dir);
      expect({ i, code: next.code, stderr: next.stderr }).toEqual({ i, code: 0, stderr: "" });
      expect(readFileSync(file).equals(AFTER)).toBe(true);
      expect({ i, left: readdirSync(dir) }).toEqual({ i, left: ["config.yaml"] }); // no temp file, no lock
    }

    tally.tempLeft = temps.size;
    console.info(`crash safety: ${JSON.stringify(tally)}`);
    for (const temp of temps) expect(temp).toMatch(/^config\.yaml\.integrations-tmp-[0-9a-f]{16}$/);
    expect(tally.killed).toBeGreaterThanOrEqual(10); // the kills did land
  }, 240_000);

  it.concurrent("a lock left by a SIGKILLed holder is cleared at once: its pid is dead", async () => {
    const { dir, file } = sandbox(BASE);
    const target = realpathSync(file);
    // A separate process takes the lock as core does, then dies without releasing it.
    const { holder, exited } = await spawnHolder(target, "await new Promise(() => setInterval(() => {}, 1000));");
    holder.kill("SIGKILL");
    await exited;
    expect(present(`${target}.lock`)).toBe(true);

    const result = await run(slackArgs("crash"), dir);
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: "" });
    expect(readFileSync(file).equals(reference("crash"))).toBe(true);
    expect(readdirSync(dir)).toEqual(["config.yaml"]);
  }, 120_000);

  it.concurrent("16 runs at once find a dead holder's lock: it is cleared once, under the .break lock, and every run's block is kept", async () => {
    const { dir, file } = sandbox(BASE);
    const lockPath = `${realpathSync(file)}.lock`;
    // The pid of a process that has exited, on this host: the lock's holder is dead.
    const gone = spawn(process.execPath, ["-e", "0"]);
    const deadPid = gone.pid!;
    await new Promise((resolve) => gone.on("exit", resolve));
    symlinkSync(`integrations pid=${deadPid} host=${hostname()} token=0123456789abcdef`, lockPath);

    const names = Array.from({ length: 16 }, (_, i) => `d${i}`);
    await addAllAtOnce(names, dir);
    const text = readFileSync(file, "utf8");
    assertValidConfig(text);
    expect(namesIn(text).slice(0, 3)).toEqual(["alpha", "beta", "gamma"]);
    expect(namesIn(text).slice(3).sort()).toEqual([...names].sort());
    expect(readdirSync(dir)).toEqual(["config.yaml"]); // neither the dead lock nor a .break lock is left
  }, 120_000);

  /**
   * A `.lock` and a `.lock.break` left by a process killed while holding both (a holder, and a clearer
   * killed mid-clear, leave the same), each naming a dead local pid with its start time. Both are
   * touched an hour into the future (a clock ahead elsewhere): their age never makes them stale, so a
   * run gets past them only by finding their owners dead, and would otherwise hit the 30 s "locked" error.
   */
  async function deadLockAndBreak(target: string): Promise<{ lockPath: string; breakPath: string }> {
    const [lockPath, breakPath] = [`${target}.lock`, `${target}.lock.break`];
    const { holder, exited } = await spawnHolder(
      target,
      `const { createLock } = await import(${JSON.stringify(CORE_LOCK_STATE_URL)});
       const { currentOwner } = await import(${JSON.stringify(CORE_LOCK_OWNER_URL)});
       if (!(await createLock(file + ".lock.break", currentOwner()))) throw new Error("no .break lock");
       await new Promise(() => setInterval(() => {}, 1000));`,
    );
    for (let polls = 0; polls < 5_000 && !present(breakPath); polls++) await sleep(2);
    holder.kill("SIGKILL");
    await exited;
    const future = new Date(Date.now() + 3_600_000);
    for (const path of [lockPath, breakPath]) {
      expect(readlinkSync(path)).toMatch(new RegExp(`^integrations pid=${holder.pid} host=\\S+ (ns=\\d+ )?start=\\d+ token=`));
      lutimesSync(path, future, future);
    }
    return { lockPath, breakPath };
  }

  it.concurrent("a dead holder's .lock and a dead clearer's .lock.break, neither ever stale: the run clears both at once and writes", async () => {
    const { dir, file } = sandbox(BASE);
    await deadLockAndBreak(realpathSync(file));
    const result = await run(slackArgs("crash"), dir);
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: "" });
    expect(readFileSync(file).equals(reference("crash"))).toBe(true);
    expect(readdirSync(dir)).toEqual(["config.yaml"]); // both cleared, and no .break.break left
  }, 120_000);

  it.concurrent("16 runs at once find a dead .lock and a dead .lock.break: each cleared once, every run's block kept", async () => {
    const { dir, file } = sandbox(BASE);
    await deadLockAndBreak(realpathSync(file));
    const names = Array.from({ length: 16 }, (_, i) => `b${i}`);
    await addAllAtOnce(names, dir);
    const text = readFileSync(file, "utf8");
    assertValidConfig(text);
    expect(namesIn(text).slice(0, 3)).toEqual(["alpha", "beta", "gamma"]);
    expect(namesIn(text).slice(3).sort()).toEqual([...names].sort());
    expect(readdirSync(dir)).toEqual(["config.yaml"]);
  }, 120_000);

  it.concurrent("a dead clearer's .lock.break left alone (its dead lock already removed): the next run writes and removes it", async () => {
    const { dir, file } = sandbox(BASE);
    const { lockPath, breakPath } = await deadLockAndBreak(realpathSync(file));
    rmSync(lockPath);
    const result = await run(slackArgs("crash"), dir);
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: "" });
    expect(readFileSync(file).equals(reference("crash"))).toBe(true);
    expect(present(breakPath)).toBe(false);
    expect(readdirSync(dir)).toEqual(["config.yaml"]);
  }, 120_000);

  it.concurrent("a lock naming a live pid on this host is never taken, however old: the run waits, then fails with 'locked'", async () => {
    const { dir, file } = sandbox(BASE);
    // This test process is the (live) holder; the lock has not been touched for an hour.
    const lockPath = `${realpathSync(file)}.lock`;
    symlinkSync(`integrations pid=${process.pid} host=${hostname()} token=0123456789abcdef`, lockPath);
    const hourAgo = new Date(Date.now() - 3_600_000);
    lutimesSync(lockPath, hourAgo, hourAgo);

    const result = await run(slackArgs("crash"), dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      `error: config.yaml is locked by another integrations run (pid ${process.pid} on ${hostname()}); wait for it and run again, or remove ${lockPath} if no integrations run is active\n`,
    );
    expect(readFileSync(file, "utf8")).toBe(BASE);
    expect(readlinkSync(lockPath)).toContain(`pid=${process.pid} `); // still there, untouched
    expect(readdirSync(dir).sort()).toEqual(["config.yaml", "config.yaml.lock"]);
  }, 120_000);

  it.concurrent("a live holder whose event loop is busy beyond 10 s keeps its lock: the run waits and writes after it", async () => {
    const { dir, file } = sandbox(BASE);
    const target = realpathSync(file);
    // A holder that takes the lock as core does, blocks its event loop for 14 s (no timer of its own can
    // run), then writes the file (a slow writer) and releases. Were its lock taken while it was blocked,
    // the run's block would be lost under the holder's write.
    const marked = `# written by the slow holder\n${BASE}`;
    const { exited, isAlive } = await spawnHolder(
      target,
      `Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 14000);
       (await import("node:fs")).writeFileSync(file, ${JSON.stringify(marked)});`,
    );
    try {
      const started = Date.now();
      const result = await run(slackArgs("crash"), dir);
      const waited = Date.now() - started;
      if (result.code !== 0 && isAlive()) {
        // A machine so loaded that the holder still held the lock when the run's wait for one holder
        // (30 s, core's WAIT_MS) ran out: the run gave up as documented, never taking the lock. Then
        // the next run, once the holder is gone, writes after the holder's write.
        expect(result.stderr).toMatch(/^error: config\.yaml is locked by another integrations run \(pid \d+ on /);
        expect(waited, "the run waited its full 30 s").toBeGreaterThanOrEqual(30_000);
        await exited;
        expect(readFileSync(file, "utf8")).toBe(marked);
        const again = await run(slackArgs("crash"), dir);
        expect({ code: again.code, stderr: again.stderr }).toEqual({ code: 0, stderr: "" });
      } else {
        expect({ holderAlive: isAlive(), code: result.code, stderr: result.stderr }).toEqual({ holderAlive: false, code: 0, stderr: "" });
      }
      const text = readFileSync(file, "utf8");
      expect(text).toBe(marked + slackText("crash"));
      assertValidConfig(text);
      expect(readdirSync(dir)).toEqual(["config.yaml"]);
    } finally {
      await exited;
    }
  }, 300_000);

  it.concurrent("a live holder's lock: the run waits, and succeeds once the holder releases", async () => {
    const { dir, file } = sandbox(BASE);
    const release = await holdLock(file);
    let pending: Promise<StartedResult>;
    try {
      pending = run(slackArgs("crash"), dir);
      // Long enough for the run to be waiting on the lock.
      await sleep(3_000);
      expect(readFileSync(file, "utf8")).toBe(BASE);
    } finally {
      await release();
    }
    const result = await pending;
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: "" });
    expect(readFileSync(file).equals(reference("crash"))).toBe(true);
    expect(readdirSync(dir)).toEqual(["config.yaml"]);
  }, 120_000);

  it.concurrent(
    "a lock held from another host, or an older version's lock dir, is cleared once untouched for 10 s",
    async () => {
      const { dir, file } = sandbox(BASE);
      const lockPath = `${realpathSync(file)}.lock`;
      const past = new Date(Date.now() - 11_000);
      // Another host: its pid cannot be checked here (this test's own pid, alive here, proves it is not).
      symlinkSync(`integrations pid=${process.pid} host=elsewhere.invalid token=0123456789abcdef`, lockPath);
      lutimesSync(lockPath, past, past);
      const first = await run(slackArgs("crash"), dir);
      expect({ code: first.code, stderr: first.stderr }).toEqual({ code: 0, stderr: "" });
      expect(readdirSync(dir)).toEqual(["config.yaml"]);
      // The empty lock directory proper-lockfile made (the CLI before pid-checked locks).
      mkdirSync(lockPath);
      utimesSync(lockPath, past, past);
      const second = await run(slackArgs("next"), dir);
      expect({ code: second.code, stderr: second.stderr }).toEqual({ code: 0, stderr: "" });
      expect(namesIn(readFileSync(file, "utf8"))).toEqual(["alpha", "beta", "gamma", "crash", "next"]);
      expect(readdirSync(dir)).toEqual(["config.yaml"]);
    },
    30 * 60_000,
  );
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

  it("a dangling symlink (target in an existing directory) is written through: the target created, the link kept", async () => {
    const dir = makeTempDir();
    mkdirSync(join(dir, "real"));
    symlinkSync(join("real", "config.yaml"), join(dir, "config.yaml"));
    const result = await run(slackArgs("gamma"), dir);
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: "" });
    expect(lstatSync(join(dir, "config.yaml")).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, "config.yaml"))).toBe(join("real", "config.yaml"));
    const text = readFileSync(join(dir, "real", "config.yaml"), "utf8");
    expect(text).toBe(`integrations:\n${slackText("gamma")}`);
    assertValidConfig(text);
    expect(readdirSync(join(dir, "real"))).toEqual(["config.yaml"]); // the lock lived beside the target and is gone
  });

  it("a dangling symlink into a missing directory: a clear error naming it, nothing created", async () => {
    const dir = makeTempDir();
    symlinkSync(join("gone", "config.yaml"), join(dir, "config.yaml"));
    const cannotCreate = `error: cannot create ${join(realpathSync(dir), "gone", "config.yaml")} (the target of the symlink config.yaml): directory ${join(realpathSync(dir), "gone")} does not exist; create it first (mkdir -p ${join(realpathSync(dir), "gone")})\n`;
    const expected: [string[], string][] = [
      [slackArgs("gamma"), cannotCreate],
      [["update", ...slackArgs("alpha"), "--add"], cannotCreate],
      [["delete", "alpha", "-file", "config.yaml"], "error: config.yaml does not exist; there is nothing to delete\n"],
    ];
    for (const [args, stderr] of expected) {
      const result = await run(args, dir);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe("");
      expect(result.stderr).toBe(stderr);
      expect(readlinkSync(join(dir, "config.yaml"))).toBe(join("gone", "config.yaml"));
      expect(readdirSync(dir)).toEqual(["config.yaml"]);
    }
  });

  it("temp files a killed writer left are removed by the next write; look-alike files of the user's are kept", async () => {
    const { dir, file } = sandbox(BASE);
    const strays = ["config.yaml.integrations-tmp-0123456789abcdef", "config.yaml.integrations-tmp-fedcba9876543210"];
    // Names only this CLI's writer makes for this file, and names that merely resemble them.
    const kept = ["config.yaml.1234abcd", "config.yaml.integrations-tmp-notours", "other.yaml.integrations-tmp-0123456789abcdef", "config.yaml.integrations-tmp-0123456789abcdef0"];
    for (const name of [...strays, ...kept]) writeFileSync(join(dir, name), "integrations:\n  - name: half-writ");
    // A dry run writes nothing and clears nothing: it does not hold the lock.
    const dry = await run([...slackArgs("gamma"), "--dry-run"], dir);
    expect(dry.code, dry.stderr).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(["config.yaml", ...strays, ...kept].sort());

    const result = await run(slackArgs("gamma"), dir);
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: "" });
    expect(readFileSync(file, "utf8")).toBe(BASE + slackText("gamma"));
    expect(readdirSync(dir).sort()).toEqual(["config.yaml", ...kept].sort());
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

  it.skipIf(process.getuid?.() !== 0)("a file with no permission bits (0000) that root may still read is read-only (mode 000), its mode written as chmod takes it", async () => {
    const { dir, file } = sandbox(BASE);
    chmodSync(file, 0o000);
    const result = await run(slackArgs("gamma"), dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe("error: config.yaml is read-only (mode 000); make it writable (chmod u+w config.yaml) and run again\n");
    expect(readFileSync(file, "utf8")).toBe(BASE);
    expect(readdirSync(dir)).toEqual(["config.yaml"]);
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

  it("update, delete and validate on a directory or under a missing parent: a clear error, nothing created", async () => {
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
    // An update --add would create the file: the directory's fix; a plain update needs the file to exist. A delete or validate only needs it to exist.
    const missing = join("missing", "config.yaml");
    const expected: [string[], string][] = [
      [["update", ...slackArgs("alpha").slice(0, -1), missing, "--add"], "directory missing does not exist"],
      [["update", ...slackArgs("alpha").slice(0, -1), missing], `${missing} does not exist; add --add`],
      [["delete", "alpha", "-file", missing], `${missing} does not exist; there is nothing to delete`],
      [["validate", "-file", missing], `${missing} does not exist; create it with: integrations <integration> -file ${missing}`],
    ];
    for (const [args, message] of expected) {
      const result = await run(args, dir);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe("");
      expect(result.stderr).toContain(message);
      expect(result.stderr).not.toContain("locked");
    }
    expect(readdirSync(dir)).toEqual(["conf"]);
    expect(readdirSync(join(dir, "conf"))).toEqual([]);
  });
});
