#!/usr/bin/env node
// The plain ESM entry of the CLI. bin/integrations runs this when no start-up snapshot fits (see
// snapshot-main.ts); `node dist/bin.js …` always works.
import { endQuietlyOnClosedPipe } from "./runtime/closed-pipe.js";
import { finishRun } from "./runtime/exit.js";
import { makeRuntime } from "./runtime/runtime.js";
import { exitOnStopSignals } from "./runtime/signals.js";
import { main } from "./commands/main.js";
import { jsonRequested } from "./run/run.js";
import { keepStdoutForTheCli } from "./output/stdout.js";

const argv = process.argv.slice(2);
endQuietlyOnClosedPipe();
const runtime = makeRuntime({ writeOut: keepStdoutForTheCli() });
exitOnStopSignals(jsonRequested(argv), runtime.writeOut);
finishRun(main(argv, process.cwd(), runtime), jsonRequested(argv), runtime);
