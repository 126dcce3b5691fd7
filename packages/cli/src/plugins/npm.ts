import { spawn } from "node:child_process";
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** What one run of npm printed. */
export interface NpmResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** How to run npm for the user plugin directory. */
export interface NpmContext {
  /** The user plugin directory (`--prefix`); its own .npmrc holds the recorded registries. */
  dir: string;
  /**
   * The .npmrc texts whose auth and registries must apply: the user's and the project's (npm itself
   * ignores the working directory's .npmrc with `--prefix`). They go to npm through a temporary
   * user config file (mode 600, removed afterwards): tokens never appear on a command line.
   */
  npmrcTexts: string[];
  /** `--registry` when the user gave one. */
  registry?: string;
}

/** Environment for npm: the user's, without the lowercase `npm_*` variables a package manager's script runner injects. */
function npmEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/.test(key)));
}

/**
 * Runs the user's own `npm` with `args` (the command and this code's own options) against the user
 * plugin directory: `--prefix <dir>`, lifecycle scripts off, no audit or fund noise, the user's and
 * project's .npmrc through a temporary user config. `specs` (package specs and names, validated by
 * `parseInstallSpec` or `checkedPackageName`) come last, after `--`, so that npm never reads one as
 * an option. Never throws for npm's own failures: the caller reads `code` and `stderr`.
 *
 * @throws Error when npm cannot be started at all (not installed), or a spec begins with `-` (a spec
 *   that bypassed validation: a bug, refused rather than passed on).
 */
export async function runNpm(args: readonly string[], context: NpmContext, specs: readonly string[] = []): Promise<NpmResult> {
  const option = specs.find((spec) => spec.startsWith("-"));
  if (option !== undefined) throw new Error(`refusing to pass "${option}" to npm as a package spec`);
  const temp = await mkdtemp(join(tmpdir(), "integrations-npm-"));
  const userconfig = join(temp, "npmrc");
  await writeFile(userconfig, context.npmrcTexts.join("\n"), { mode: 0o600 });
  await chmod(userconfig, 0o600);
  const full = [
    ...args,
    "--prefix", context.dir,
    "--userconfig", userconfig,
    "--ignore-scripts", "--no-audit", "--no-fund", "--no-update-notifier",
    // A plugin installed from a directory stays a copy through later updates and uninstalls.
    "--install-links",
    // One quick retry: a registry that refuses the connection will not answer a minute later either.
    "--fetch-retries=1", "--fetch-retry-mintimeout=1000", "--fetch-retry-maxtimeout=5000",
    ...(context.registry ? [`--registry=${context.registry}`] : []),
    ...(specs.length > 0 ? ["--", ...specs] : []),
  ];
  try {
    return await new Promise<NpmResult>((resolve, reject) => {
      const child = spawn("npm", full, { cwd: temp, env: npmEnv(), stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      child.on("error", (error) => reject(new Error(`cannot run npm: ${error.message}; install Node.js with npm`)));
      child.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr }));
    });
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

/** npm's own reason from its stderr: the `npm error` lines that say what went wrong, joined into one line. */
export function npmReason(result: NpmResult): string {
  const lines = result.stderr.split("\n").map((l) => l.replace(/^npm (error|ERR!)\s*/, "").trim());
  const useful = lines.filter((l) => l && !/^(A complete log|Log files|code |errno |syscall |\/)/.test(l) && !/^[a-z]+ [A-Z]+$/.test(l));
  return (useful.slice(0, 3).join(" ") || `npm exited with ${result.code}`).slice(0, 400);
}
