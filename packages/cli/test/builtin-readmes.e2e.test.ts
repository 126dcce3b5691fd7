// Each built-in's README shows an example command and the block it writes: the command is run here
// through the launcher in an empty temp dir, and the file it writes must be that block byte for byte,
// so a README that drifts from its plugin's real output fails. The secret references stay
// unresolved: the CLI writes `env:NAME` as given and never reads the variable.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { makeTempDir, startCli, workspacePath } from "@integrations/test-utils";

const packagesDir = workspacePath("packages");
const plugins = readdirSync(packagesDir)
  .filter((dir) => dir.startsWith("plugin-") && dir !== "plugin-sdk")
  .sort();

/** A README's `## Example` section: the one command of its `sh` block, and the `yaml` block it says the command writes. */
function exampleOf(dir: string): { command: string; block: string } {
  const readme = readFileSync(join(packagesDir, dir, "README.md"), "utf8");
  const section = readme.split("\n## Example\n")[1]?.split("\n## ")[0] ?? "";
  const match = /^```sh\n(?<command>[^\n]+)\n```\n\nwrites:\n\n```yaml\n(?<block>[\s\S]*?)```$/m.exec(section);
  if (!match?.groups) throw new Error(`${dir}/README.md: no "## Example" section with a sh command, "writes:" and a yaml block`);
  return { command: match.groups.command!, block: match.groups.block! };
}

/** What running a README's example wrote: the exit code, stderr, and config.yaml's text. */
interface Ran {
  code: number;
  stderr: string;
  written: string;
}

const ran = new Map<string, Ran>();

beforeAll(async () => {
  // Independent runs, each in an empty dir of its own: started together.
  const runs = plugins.map(async (dir) => {
    const { command } = exampleOf(dir);
    // Plain words only (no quotes or shell syntax), so splitting on spaces is what a shell does.
    expect(command, `${dir}: the example's command`).toMatch(/^integrations [\w:./ -]+$/);
    const cwd = makeTempDir();
    const result = await startCli(command.split(" ").slice(1), { cwd }).done;
    ran.set(dir, { code: result.code, stderr: result.stderr, written: result.code === 0 ? readFileSync(join(cwd, "config.yaml"), "utf8") : "" });
  });
  await Promise.all(runs);
});

describe("each built-in's README example", () => {
  it("covers the 21 built-ins", () => {
    expect(plugins).toHaveLength(21);
  });

  it.each(plugins)("%s: the example's command writes the block its README shows", (dir) => {
    const result = ran.get(dir) ?? expect.fail(`no run for ${dir}`);
    expect(result.code, result.stderr).toBe(0);
    expect(result.written).toBe(exampleOf(dir).block);
  });
});
