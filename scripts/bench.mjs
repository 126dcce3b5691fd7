#!/usr/bin/env node
// `pnpm bench`: start-up and edit timings of the `integrations` CLI. Not a test.
//
// Default: the checkout's CLI (bench/checkout.mjs). `--installed`: the CLI as `npm install -g` from a
// registry leaves it, with and without its start-up snapshot (bench/installed.mjs).
//
// Both modes run every scenario as a user's shell runs the bin (no package-manager shim),
// round-robin with `node -e 0` in the same run: each round runs, for every scenario, one `node -e 0`
// and then the scenario. Tables give the median and min–max wall time of each and the ratio of the
// scenario's median to the median of all `node -e 0` runs. Peak RSS, minor page faults and user CPU
// come from untimed runs under GNU time (which also check that the scenario succeeds); timed runs
// are never wrapped. `--help` lists the options.
import { parseArgs } from "./bench/args.mjs";
import { benchCheckout } from "./bench/checkout.mjs";
import { makeBenchTempDir, removeTempDir } from "./bench/temp.mjs";

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const temp = makeBenchTempDir();
  try {
    if (opts.installed) {
      const { benchInstalled } = await import("./bench/installed.mjs");
      await benchInstalled(opts, temp);
    } else {
      benchCheckout(opts, temp);
    }
  } finally {
    removeTempDir();
  }
}

main().then(
  // The registry's helpers leave timers and a child behind until exit.
  () => process.exit(0),
  (error) => {
    removeTempDir();
    console.error(`bench: ${error.stack ?? error}`);
    process.exit(1);
  },
);
