// runCliEach, which the end-to-end tests use to overlap runs that do not depend on one another: each
// result is its own job's, in the jobs' order, whatever order the runs finish in, and each job's
// directory and environment reach its run.
import { expect, it } from "vitest";
import { runCliEach } from "./cli.js";
import { makeTempDir } from "./temp.js";

it("runCliEach: every job's result in the jobs' order, each run in its own directory and environment", async () => {
  // Unknown commands fail fast naming themselves; the other jobs list a config found through their own directory or environment.
  const config = (name: string) => `integrations:\n  - name: ${name}\n    destination: https://${name}.example.com\n`;
  const jobs = Array.from({ length: 12 }, (_, i) =>
    i % 3 === 0
      ? { args: [`nope${i}`], cwd: makeTempDir() }
      : i % 3 === 1
        ? { args: ["list", "--configured", "--json"], cwd: makeTempDir({ "config.yaml": config(`dir${i}`) }) }
        : { args: ["list", "--configured", "--json"], cwd: makeTempDir({ "other.yaml": config(`env${i}`) }), env: { INTEGRATIONS_FILE: "other.yaml" } },
  );
  const results = await runCliEach(jobs);
  expect(results).toHaveLength(jobs.length);
  results.forEach((result, i) => {
    if (i % 3 === 0) {
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`"nope${i}"`);
    } else {
      expect(result.code, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual([{ name: `${i % 3 === 1 ? "dir" : "env"}${i}`, destination: `https://${i % 3 === 1 ? "dir" : "env"}${i}.example.com` }]);
    }
  });
});
