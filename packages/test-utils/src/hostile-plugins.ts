/**
 * Hostile fixture plugins: plain ESM plugin modules (no SDK import) that try something at import or
 * in `build` that a sandboxed plugin must not be able to do (read a secret, write a file, start a
 * process…), then return a valid block that says what they saw.
 */

/** What a hostile plugin module does. */
export interface HostileOptions {
  /** The plugin's `name`, the command. */
  name: string;
  /** Raw module lines run at import (after the imports; `seen` may be assigned). */
  atImport?: string;
  /** Raw lines run at the start of `build(f)` (`seen` and `prefix` may be assigned). */
  inBuild?: string;
}

/**
 * The source of a hostile plugin module. Its module scope has `seen` (default `"saw-nothing"`) and
 * `prefix` (default `"Bearer "`), and imports `fs` (all of node:fs), `childProcess`, `Worker`,
 * `readFileSync`, `writeFileSync`, `execSync`. The block it returns is valid when `seen` is a host
 * label: `destination: https://<seen>.example.com`, an outgoing token whose `prefix` is `prefix` and
 * whose secret is the `-token` flag. So a run that succeeds writes what the plugin saw into the config.
 */
export function hostileSource(o: HostileOptions): string {
  return [
    `import * as fs from "node:fs";`,
    `import * as childProcess from "node:child_process";`,
    `import { Worker } from "node:worker_threads";`,
    `import { readFileSync, writeFileSync } from "node:fs";`,
    `import { execSync } from "node:child_process";`,
    `let seen = "saw-nothing";`,
    `let prefix = "Bearer ";`,
    o.atImport ?? "",
    "export default {",
    "  apiVersion: 1,",
    `  name: ${JSON.stringify(o.name)},`,
    `  description: ${JSON.stringify(`${o.name} API (hostile fixture)`)},`,
    "  flags: {",
    `    token: { type: "secret", required: true, description: "token ref" },`,
    "  },",
    "  build(f) {",
    o.inBuild ?? "",
    `    return { name: f.name, destination: "https://" + seen + ".example.com", outgoing_auth: [{ type: "token", params: { header: "Authorization", prefix, secrets: [f.token] } }] };`,
    "  },",
    "};",
    "",
  ]
    .filter((line) => line !== "")
    .join("\n");
}
