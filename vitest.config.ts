import { availableParallelism } from "node:os";
import { configDefaults, defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

// Two passes over the end-to-end tests: "snapshot" runs every test as users start the CLI (the
// launcher, so the start-up snapshot when it fits); "plain" runs the end-to-end files again with
// INTEGRATIONS_NO_SNAPSHOT=1, so that the plain entry dist/bin.js is covered command by command.
// The registry-install test runs only once: it starts the CLI installed from a registry, in an
// environment of its own, never the checkout's, so a second pass would repeat it unchanged.
const ONE_PASS = ["packages/cli/test/registry-install.e2e.test.ts"];

/**
 * Vitest's order (one project after the other, larger files first), except that the registry test
 * starts first: it is the longest file by far, and started in the second project's turn it ran on
 * alone at the end while the other workers sat idle.
 */
class RegistryTestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const isOnePass = (file: TestSpecification) => ONE_PASS.some((path) => file.moduleId.endsWith(path));
    return [...sorted.filter(isOnePass), ...sorted.filter((file) => !isOnePass(file))];
  }
}

export default defineConfig({
  test: {
    // Bounds on a stuck test, never speed checks: end-to-end tests spawn many CLI runs, and a loaded
    // 2-core machine can make one of them take ten times as long as on a quiet one.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    // One test file more than there are cores: an end-to-end test's worker mostly waits for the CLI
    // processes it starts, so vitest's default (a core left free) kept one CLI running at a time.
    // Tests that load the machine on purpose (64 writers at once, lock holders, signals, the
    // registry) bound their waits by what they see, never by the clock, so files beside them are safe.
    maxWorkers: availableParallelism() + 1,
    sequence: { sequencer: RegistryTestFirst },
    projects: [
      { extends: true, test: { name: "snapshot", include: ["packages/*/src/**/*.test.ts", "packages/*/test/**/*.test.ts"] } },
      { extends: true, test: { name: "plain", include: ["packages/*/src/**/*.e2e.test.ts", "packages/*/test/**/*.e2e.test.ts"], exclude: [...configDefaults.exclude, ...ONE_PASS], env: { INTEGRATIONS_NO_SNAPSHOT: "1" } } },
    ],
  },
});
