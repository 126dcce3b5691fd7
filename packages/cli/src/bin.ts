#!/usr/bin/env node
// The plain ESM entry of the CLI. bin/integrations runs this when no start-up snapshot fits (see
// snapshot-main.ts); `node dist/bin.js …` always works.
import { endQuietlyOnClosedPipe } from "./closed-pipe.js";
import { exitAfterOutput } from "./exit.js";
import { main } from "./main.js";

endQuietlyOnClosedPipe();
exitAfterOutput(await main(process.argv.slice(2)));
