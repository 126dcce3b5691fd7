#!/usr/bin/env node
// The plain ESM entry of the CLI. bin/integrations runs this when no start-up snapshot fits (see
// snapshot-main.ts); `node dist/bin.js …` always works.
import { endQuietlyOnClosedPipe } from "./closed-pipe.js";
import { main } from "./main.js";

endQuietlyOnClosedPipe();
// Exit now rather than when the event loop drains: a plugin whose import timed out may still hold a
// timer or a socket. stdout and stderr are synchronous for files, pipes and terminals on Linux.
process.exit(await main(process.argv.slice(2)));
