import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The CLI package's own directory (the one holding its package.json): `packages/cli` in the
 * workspace, `node_modules/@integrations/cli` once installed. This is the only module that looks at
 * `import.meta.url`, so the start-up bundle (scripts/build-snapshot.mjs) can point it at the real
 * `dist/runtime/package-dir.js` (dist/runtime/ → dist/ → the package).
 */
export const CLI_PACKAGE_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** The CLI's own package.json fields that the CLI reads: its version, `engines`, where bugs are reported and the built-in plugin list. */
export interface CliManifest {
  version: string;
  bugs?: { url?: string };
  engines?: { node?: string };
  integrationsBuiltins?: string[];
}

// Process-wide, not run state: the CLI's own package.json is the same for every run of the process.
let manifest: CliManifest | undefined;

/** The CLI's package.json, read once. @throws the read or parse error (the package is broken). */
export function cliManifest(): CliManifest {
  manifest ??= JSON.parse(readFileSync(join(CLI_PACKAGE_DIR, "package.json"), "utf8")) as CliManifest;
  return manifest;
}

/** Where the CLI's package.json says bugs are reported; the registry page when it cannot be read. */
export function bugsUrl(): string {
  try {
    return cliManifest().bugs?.url ?? "https://www.npmjs.com/package/@integrations/cli";
  } catch {
    return "https://www.npmjs.com/package/@integrations/cli";
  }
}
