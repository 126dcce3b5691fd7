// Runs the whole test suite with vitest, then prints the plain `N passed, N failed` line that CI reads
// (vitest's own summary is not a line CI can parse, so the count comes from its JSON report). Exits non-zero on any failure and
// when no test ran. Extra arguments go to vitest (e.g. a file filter).
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { ensureVerdaccio } from "./ensure-verdaccio.mjs";

// The tests check every config they write against AuthTranslator's own schema, which lives in the
// shared reference files beside the checkout (../shared), not in the repository.
const schema = fileURLToPath(new URL("../../shared/reference/authtranslator/config.schema.json", import.meta.url));
if (!existsSync(schema)) {
  console.log("0 passed, 1 failed");
  console.error(`${schema} is missing: the tests need the shared reference files in ../shared beside this checkout (clone the project next to its shared/ directory)`);
  process.exit(1);
}

try {
  ensureVerdaccio();
} catch (error) {
  console.log("0 passed, 1 failed");
  console.error(error.message);
  process.exit(1);
}

const results = ".vitest-results.json";
rmSync(results, { force: true });
const vitest = fileURLToPath(new URL("../node_modules/vitest/vitest.mjs", import.meta.url));
const run = spawnSync(process.execPath, [vitest, "run", "--reporter=default", "--reporter=json", `--outputFile.json=${results}`, ...process.argv.slice(2)], { stdio: "inherit" });
if (!existsSync(results)) {
  console.log("0 passed, 0 failed");
  console.error(`vitest wrote no results (exit ${run.status}); no test ran`);
  process.exit(1);
}
const report = JSON.parse(readFileSync(results, "utf8"));
const passed = report.numPassedTests ?? 0;
// A failed test counts once; a test file that failed without any failed test (it could not be
// loaded, or a hook threw) counts as one more, so that it cannot pass unseen.
const brokenFiles = (report.testResults ?? []).filter((file) => file.status === "failed" && !(file.assertionResults ?? []).some((t) => t.status === "failed")).length;
const failed = (report.numFailedTests ?? 0) + brokenFiles;
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 || passed === 0 || run.status !== 0 ? 1 : 0);
