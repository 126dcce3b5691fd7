// Running scenarios: timed runs (never wrapped), round-robin with a baseline, and untimed runs under
// GNU time for the counters that do not depend on the machine's speed (page faults) or barely do.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

const RUN_TIMEOUT_MS = 120_000; // one run of one scenario
const TIME_BIN = "/usr/bin/time";
/** Peak RSS (KB), minor page faults, user CPU (s, two decimals). */
const TIME_FORMAT = "%M %R %U";

/** Runs `s.command s.args` in `s.cwd` with `s.env` once; throws unless it exits 0. Returns wall ms and stdout. */
export function run(s, wrap = []) {
  const [command, args] = wrap.length ? [wrap[0], [...wrap.slice(1), s.command, ...s.args]] : [s.command, s.args];
  const start = performance.now();
  const result = spawnSync(command, args, { cwd: s.cwd, env: s.env, encoding: "utf8", timeout: RUN_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - start;
  const shown = `${s.command} ${s.args.join(" ")}`;
  if (result.error) throw new Error(`${shown}: ${result.error.message}`);
  if (result.status !== 0) {
    throw new Error(`${shown} (in ${s.cwd}) exited ${result.status ?? result.signal}\n${result.stdout}\n${result.stderr}`.trimEnd());
  }
  return { ms, stdout: result.stdout };
}

/** How the counters are measured, or why they are not (GNU time missing). */
export function countersMethod() {
  return existsSync(TIME_BIN) ? `${TIME_BIN} -f "${TIME_FORMAT}"` : `not measured (${TIME_BIN} is missing: apt-get install time)`;
}

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * Runs `s` `runs` times, untimed, under GNU time (reset before each), checking its output against
 * `s.expect` on the first. Sets `s.rssKb` and `s.minorFaults` (medians) and `s.userMs` (the mean:
 * GNU time gives user CPU in steps of 10 ms).
 */
export function measureCounters(s, runs, tempDir) {
  const file = join(tempDir, "counters.out");
  const samples = [];
  for (let i = 0; i < runs; i++) {
    s.reset?.();
    rmSync(file, { force: true });
    const timed = existsSync(TIME_BIN);
    const { stdout } = run(s, timed ? [TIME_BIN, "-f", TIME_FORMAT, "-o", file] : []);
    if (i === 0 && s.expect && !s.expect.test(stdout)) throw new Error(`${s.id}: unexpected output:\n${stdout.slice(0, 2000)}`);
    const match = timed ? /(\d+) (\d+) ([\d.]+)\s*$/.exec(readFileSync(file, "utf8")) : null;
    if (match) samples.push({ rssKb: Number(match[1]), faults: Number(match[2]), userMs: Number(match[3]) * 1000 });
  }
  if (samples.length === 0) return;
  s.rssKb = median(samples.map((x) => x.rssKb));
  s.minorFaults = median(samples.map((x) => x.faults));
  s.userMs = samples.reduce((sum, x) => sum + x.userMs, 0) / samples.length;
}

/**
 * Each round runs, for every scenario of `work` still in its rounds, one `baseline` run and then the
 * scenario (reset first), appending wall times to their `samples`.
 */
export function roundRobin(baseline, work, onRound) {
  for (const s of [baseline, ...work]) s.samples ??= [];
  const rounds = Math.max(...work.map((s) => s.rounds), 1);
  const start = performance.now();
  for (let round = 0; round < rounds; round++) {
    for (const s of work) {
      if (round >= s.rounds) continue;
      s.reset?.();
      baseline.samples.push(run(baseline).ms);
      s.samples.push(run(s).ms);
    }
    if (work.length === 0) baseline.samples.push(run(baseline).ms);
    onRound?.(round + 1, rounds, performance.now() - start);
  }
}

/** A scenario's row: its wall-time statistics, its ratio to `baseMedian` and its counters. */
export function summarize(s, baseMedian) {
  const m = median(s.samples);
  return {
    id: s.id,
    label: s.label,
    runs: s.samples.length,
    median: m,
    min: Math.min(...s.samples),
    max: Math.max(...s.samples),
    ratio: m / baseMedian,
    rssKb: s.rssKb,
    minorFaults: s.minorFaults,
    userMs: s.userMs,
  };
}
