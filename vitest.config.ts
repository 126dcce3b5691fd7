import { defineConfig } from "vitest/config";

// Two passes over the end-to-end tests: "snapshot" runs every test as users start the CLI (the
// launcher, so the start-up snapshot when it fits); "plain" runs the end-to-end files again with
// INTEGRATIONS_NO_SNAPSHOT=1, so that the plain entry dist/bin.js is covered command by command.
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: "snapshot", include: ["packages/*/src/**/*.test.ts"] } },
      { extends: true, test: { name: "plain", include: ["packages/*/src/**/*.e2e.test.ts"], env: { INTEGRATIONS_NO_SNAPSHOT: "1" } } },
    ],
  },
});
