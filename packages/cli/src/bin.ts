#!/usr/bin/env node
// The plain ESM entry of the CLI. bin/integrations runs this when no start-up snapshot fits (see
// snapshot-main.ts); `node dist/bin.js …` always works.
import { endQuietlyOnClosedPipe } from "./closed-pipe.js";
import { finishRun } from "./exit.js";
import { exitOnStopSignals } from "./signals.js";
import { jsonRequested, main } from "./main.js";
import { keepStdoutForTheCli } from "./stdout.js";

const argv = process.argv.slice(2);
endQuietlyOnClosedPipe();
keepStdoutForTheCli();
exitOnStopSignals(jsonRequested(argv));
finishRun(main(argv), jsonRequested(argv));
