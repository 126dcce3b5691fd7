// The tests' private npm registry (Verdaccio) lives outside the pnpm workspace, in tools/verdaccio with its
// own package-lock.json: `pnpm test` and `pnpm bench --installed` install it on a fresh clone.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const verdaccioDir = fileURLToPath(new URL("../tools/verdaccio/", import.meta.url));

/** Installs tools/verdaccio with `npm ci` when it is missing; throws a one-line error when npm fails. */
export function ensureVerdaccio() {
  if (existsSync(`${verdaccioDir}node_modules/verdaccio`)) return;
  console.log("tools/verdaccio/node_modules/verdaccio is missing: installing the test registry (npm ci --prefix tools/verdaccio)");
  const install = spawnSync("npm", ["ci", "--prefix", verdaccioDir, "--no-audit", "--no-fund"], {
    stdio: "inherit",
    shell: process.platform === "win32",
  });
  if (install.status !== 0) throw new Error(`npm ci --prefix tools/verdaccio failed (exit ${install.status ?? install.error?.message})`);
}
