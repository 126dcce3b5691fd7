// The benchmark's command line.

const USAGE = `usage: node scripts/bench.mjs [--installed] [--rounds N] [--big-rounds N] [--counter-runs N] [--only id[,id…]] [--json FILE] [--list]
  (default)         the checkout's CLI: packages/cli/bin/integrations, as built by \`pnpm build\`
  --installed       the CLI installed from a registry: publishes every package to a local Verdaccio,
                    times \`npm install -g @integrations/cli\` (warm registry and cache) and benchmarks
                    <prefix>/bin/integrations with and without the start-up snapshot, beside the floor
                    of an empty user snapshot, with NODE_EXTRA_CA_CERTS unset (docs/performance.md)
  --rounds N        rounds of every scenario (default 15)
  --big-rounds N    rounds of the 10,000-integration scenarios (default min(5, rounds))
  --counter-runs N  untimed runs per scenario under /usr/bin/time for peak RSS, minor page faults
                    and user CPU (default 3)
  --only …          run only these scenarios (ids from --list; a prefix such as \`list-\` selects several)
  --json FILE       also write the results as JSON
  --list            print the scenario ids and exit`;

export function usage(error) {
  if (error) {
    console.error(`bench: ${error}\n${USAGE}`);
    process.exit(2);
  }
  console.log(USAGE);
  process.exit(0);
}

export function parseArgs(argv) {
  const opts = { installed: false, rounds: 15, bigRounds: undefined, counterRuns: 3, only: undefined, json: undefined, list: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [key, inline] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) usage(`${key} needs a value`);
      return v;
    };
    const count = () => {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1 || n > 1000) usage(`${key} takes a whole number from 1 to 1000`);
      return n;
    };
    if (key === "--installed") opts.installed = true;
    else if (key === "--rounds") opts.rounds = count();
    else if (key === "--big-rounds") opts.bigRounds = count();
    else if (key === "--counter-runs") opts.counterRuns = count();
    else if (key === "--only")
      opts.only = value()
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
    else if (key === "--json") opts.json = value();
    else if (key === "--list") opts.list = true;
    else if (key === "-h" || key === "--help") usage();
    else usage(`unknown argument: ${arg}`);
  }
  opts.bigRounds ??= Math.min(5, opts.rounds);
  return opts;
}

/** The scenarios `--only` names (an id, or a prefix ending in `-`); every one when it is not given. */
export function selected(list, only) {
  if (!only) return list;
  const matches = (s, o) => s.id === o || (o.endsWith("-") && s.id.startsWith(o));
  const unknown = only.filter((o) => !list.some((s) => matches(s, o)));
  if (unknown.length) usage(`unknown scenario: ${unknown.join(", ")} (see --list)`);
  return list.filter((s) => only.some((o) => matches(s, o)));
}
