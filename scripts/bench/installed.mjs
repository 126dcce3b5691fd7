// `pnpm bench --installed`: the CLI as `npm install -g` from a registry leaves it.
// The install is timed from a warm registry (install-cli.mjs); then `<prefix>/bin/integrations` runs
// as a user's shell starts it, in the new user's environment with NODE_EXTRA_CA_CERTS unset, each
// start-up scenario twice: with the snapshot (the default) and without it (INTEGRATIONS_NO_SNAPSHOT=1),
// round-robin with `node -e 0` and with the floor of an empty user snapshot (floor.mjs). How each
// scenario starts comes from `integrations doctor --json` (`cli.startup`) in its directory and
// environment: a variant that does not start the way it is named is reported, never timed.
import { writeFileSync } from "node:fs";
import { selected } from "./args.mjs";
import { emptySnapshotFloor } from "./floor.mjs";
import { installFromRegistry } from "./install-cli.mjs";
import { countersMethod, measureCounters, median, roundRobin, run, summarize } from "./measure.mjs";
import { fmtCpu, fmtFaults, fmtMs, fmtRss, machine, machineLine, progress, table } from "./report.mjs";
import { startupScenarios } from "./startup-scenarios.mjs";

/**
 * Issue 14's targets: the median ratio to `node -e 0`, with the snapshot and without it; `run-200`
 * is issue 18's since its plugin runs sandboxed (its own node process, however the CLI starts), and
 * `run-200-trusted` keeps issue 14's.
 */
const TARGETS = {
  help: { snapshot: 1.5, esm: 1.8 },
  "add-missing": { snapshot: 1.7, esm: 2.5 },
  "list-200": { snapshot: 2.0, esm: 2.8 },
  "run-200": { snapshot: 2.8, esm: 2.8 },
  "run-200-trusted": { snapshot: 1.8, esm: 2.8 },
};
const targetOf = (s) => TARGETS[s.scenario][s.variant.startup];
const INSTALL_TARGET_MS = 15_000;

const VARIANTS = [
  { startup: "snapshot", label: "with the snapshot", env: {} },
  { startup: "esm", label: "without it", env: { INTEGRATIONS_NO_SNAPSHOT: "1" } },
];

/** The user's environment, cleaned: nothing that changes how node starts, or whether the snapshot is used. */
function cleanEnv(env) {
  const clean = { ...env };
  for (const key of ["NODE_EXTRA_CA_CERTS", "NODE_OPTIONS", "INTEGRATIONS_NO_SNAPSHOT"]) delete clean[key];
  return clean;
}

/** `cli.startup` of `integrations doctor --json` run as scenario `s` runs. */
function startupOf(s) {
  const { stdout } = run({ ...s, args: ["doctor", "--json"] });
  return JSON.parse(stdout).cli?.startup ?? "unknown";
}

/** Each scenario once per variant, prepared, with how it actually starts. */
function variantsOf(scenarios) {
  return VARIANTS.flatMap((variant) =>
    scenarios.map((s) => {
      const copy = { ...s, id: `${s.id}/${variant.startup}`, scenario: s.id, variant, env: { ...s.env, ...variant.env } };
      copy.prepare?.call(copy);
      copy.startup = startupOf(copy);
      return copy;
    }),
  );
}

function printResults(baseline, floor, timed, untimed, base) {
  const floorRow = summarize(floor, base);
  const rows = timed.map((s) => {
    const row = summarize(s, base);
    const target = targetOf(s);
    return { ...row, variant: s.variant.label, startup: s.startup, aboveFloor: row.ratio - floorRow.ratio, aboveFloorMs: row.median - floorRow.median, target, met: row.ratio <= target };
  });
  const cells = (r, started, floorCell, targetCell) => [
    r.label,
    started,
    r.runs,
    fmtMs(r.median),
    `${fmtMs(r.min)}–${fmtMs(r.max)}`,
    `${r.ratio.toFixed(2)}×`,
    floorCell,
    fmtFaults(r.minorFaults),
    fmtCpu(r.userMs),
    fmtRss(r.rssKb),
    targetCell,
  ];
  const lines = [
    cells(summarize(baseline, base), "", "", ""),
    cells(floorRow, "empty snapshot", "(the floor)", ""),
    ...rows.map((r) => cells(r, `${r.variant} (${r.startup})`, `+${r.aboveFloor.toFixed(2)}× (+${fmtMs(r.aboveFloorMs)})`, `≤ ${r.target.toFixed(1)}× ${r.met ? "pass" : "MISS"}`)),
  ];
  console.log(
    table(["scenario", "started", "runs", "median", "min–max", "× node -e 0", "above the floor", "minor faults", "user CPU", "peak RSS", "target"], lines, [
      "l",
      "l",
      "r",
      "r",
      "r",
      "r",
      "r",
      "r",
      "r",
      "r",
      "l",
    ]),
  );
  // One line per variant and actual start-up: "with the snapshot: not available (cli.startup = esm): …".
  const groups = new Map();
  for (const s of untimed) {
    const head = `${s.variant.label}: not available (cli.startup = ${s.startup})`;
    groups.set(head, [...(groups.get(head) ?? []), s]);
  }
  for (const [head, list] of groups) console.log(`${head}: ${list.map((s) => `${s.label} (target ≤ ${targetOf(s).toFixed(1)}×)`).join(", ")}; not timed`);
  return { floorRow, rows };
}

export async function benchInstalled(opts, temp) {
  if (opts.list) {
    for (const id of Object.keys(TARGETS)) console.log(id);
    return;
  }
  selected(
    Object.keys(TARGETS).map((id) => ({ id })),
    opts.only,
  ); // a wrong id is a usage error before the installs
  const m = machine();
  console.log(`integrations bench --installed: ${machineLine(m)}`);
  const install = await installFromRegistry((line) => console.log(line));
  const installMet = install.ms <= INSTALL_TARGET_MS;
  console.log(
    `install: \`${install.command}\` into an empty global prefix, the registry's uplink cache and npm's cache warm from the first: ${(install.ms / 1000).toFixed(1)} s (target ≤ ${INSTALL_TARGET_MS / 1000} s: ${installMet ? "pass" : "MISS"})`,
  );

  const env = cleanEnv(install.env);
  const node = process.execPath;
  console.log(
    `runs: ${install.bin} as a user's shell starts it; the new user's environment (empty HOME, PATH of the global bin, node's and the system's), NODE_EXTRA_CA_CERTS unset (as env -u NODE_EXTRA_CA_CERTS), no NODE_OPTIONS; node ${node}`,
  );
  const scenarios = selected(
    startupScenarios({ bin: install.bin, env, root: temp, rounds: opts.rounds, listCounts: [200] }).filter((s) => TARGETS[s.id]),
    opts.only,
  );
  const all = variantsOf(scenarios);
  const timed = all.filter((s) => s.startup === s.variant.startup);
  const untimed = all.filter((s) => s.startup !== s.variant.startup);
  const baseline = { id: "baseline", label: "node -e 0", command: node, args: ["-e", "0"], cwd: temp, env, rounds: opts.rounds };
  const floor = emptySnapshotFloor({ node, dir: temp, env, rounds: opts.rounds });
  console.log(`rounds: ${opts.rounds}; peak RSS, minor faults, user CPU: ${countersMethod()}, ${opts.counterRuns} untimed runs per scenario`);

  for (const s of [baseline, floor, ...timed]) measureCounters(s, opts.counterRuns, temp);
  roundRobin(baseline, [floor, ...timed], progress);
  const base = median(baseline.samples);
  console.log("");
  const { floorRow, rows } = printResults(baseline, floor, timed, untimed, base);
  console.log("\nA miss is reported, not an error: the run exits 0 either way.");

  if (opts.json) {
    const json = {
      mode: "installed",
      ...m,
      environment: "the registry user's environment, NODE_EXTRA_CA_CERTS unset (as env -u NODE_EXTRA_CA_CERTS), no NODE_OPTIONS",
      nodePath: node,
      bin: install.bin,
      registry: install.registry,
      install: {
        command: install.command,
        timed: "a second install into an empty global prefix, the registry's uplink cache and npm's cache warm",
        ms: install.ms,
        firstMs: install.throwAwayMs,
        targetMs: INSTALL_TARGET_MS,
        met: installMet,
      },
      rounds: opts.rounds,
      counters: `${countersMethod()}, ${opts.counterRuns} untimed runs`,
      baselineMedian: base,
      floor: floorRow,
      rows,
      notAvailable: untimed.map((s) => ({ id: s.scenario, variant: s.variant.label, startup: s.startup, target: targetOf(s) })),
    };
    writeFileSync(opts.json, `${JSON.stringify(json, null, 2)}\n`);
  }
}
