// npm runs this after installing @integrations/cli: it makes the start-up snapshot for this machine's
// node (dist/snapshot-build.js), so that runs started by the shell start faster. Best effort: it never
// fails an install. Without a snapshot the CLI starts from its plain entry, and
// `integrations snapshot build` makes one later. Skipped in a checkout (its build makes the snapshot),
// under Yarn (Yarn runs bins with node, which cannot use the snapshot), and when
// INTEGRATIONS_NO_SNAPSHOT is set.
import { existsSync } from "node:fs";

const pkg = new URL("../", import.meta.url);
const skip = process.env.INTEGRATIONS_NO_SNAPSHOT || existsSync(new URL("src", pkg)) || process.env.npm_config_user_agent?.startsWith("yarn");
if (!skip) {
  try {
    const { buildSnapshot } = await import(new URL("dist/startup/snapshot-build.js", pkg).href);
    const built = buildSnapshot();
    console.log(`integrations: start-up snapshot made for node ${built.nodeVersion} (${built.ms} ms)`);
  } catch (error) {
    console.log(`integrations: no start-up snapshot (${error.message}); the CLI works without it, slower to start. Make one later with: integrations snapshot build`);
  }
}
