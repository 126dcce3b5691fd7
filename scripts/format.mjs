// `pnpm format` rewrites the code in the repository's style (.oxfmtrc.json); `--check` only reports
// files that differ and is the format part of `pnpm lint`. While a `.format-pending` file exists at the
// repository root, the tree has not been reformatted yet and `--check` is skipped with a notice;
// whoever runs `pnpm format` on the whole tree deletes that file in the same commit.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const check = process.argv.includes("--check");
// Code only: the Markdown and JSON files are written by hand and left as they are.
const files = ["packages/**/*.ts", "packages/**/*.mjs", "scripts/**/*.mjs"];

if (check && existsSync(join(root, ".format-pending"))) {
  console.log("format check skipped: .format-pending exists (run `pnpm format` and delete it to turn the check on)");
  process.exit(0);
}
const result = spawnSync(join(root, "node_modules", ".bin", "oxfmt"), [...(check ? ["--check"] : []), ...files], { cwd: root, stdio: "inherit" });
process.exit(result.status ?? 1);
