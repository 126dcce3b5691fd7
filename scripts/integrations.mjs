// `pnpm --silent integrations …` from a checkout (the README's way: without --silent, pnpm echoes the
// whole command line first). pnpm runs root scripts in the workspace root and passes the directory
// the user ran it from as INIT_CWD. Run the CLI there, so `-file config.yaml` means the config.yaml
// of the directory you are in, as it does with an installed `integrations`; and through its
// launcher, as users start it (the start-up snapshot when it fits, else the plain entry).
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const launcher = fileURLToPath(new URL("../packages/cli/bin/integrations", import.meta.url));
const run = spawnSync(launcher, process.argv.slice(2), { cwd: process.env.INIT_CWD ?? process.cwd(), stdio: "inherit" });
if (run.error) throw run.error;
if (run.signal) process.kill(process.pid, run.signal);
process.exit(run.status ?? 1);
