// `pnpm format` rewrites the code in the repository's style (.oxfmtrc.json); `--check` only reports
// files that differ and is the format part of `pnpm lint`.
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const check = process.argv.includes("--check");
// Code only: the Markdown and JSON files are written by hand and left as they are.
const files = ["packages/**/*.ts", "packages/**/*.mjs", "scripts/**/*.mjs"];

const result = spawnSync(join(root, "node_modules", ".bin", "oxfmt"), [...(check ? ["--check"] : []), ...files], { cwd: root, stdio: "inherit" });
process.exit(result.status ?? 1);
