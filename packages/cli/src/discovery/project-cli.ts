import { readFileSync } from "node:fs";
import { CLI_PACKAGE_DIR, cliManifest } from "../runtime/package-dir.js";
import { childPath, installedPackageDir, projectRoot } from "./package-root.js";
import { commandsFor } from "./package-manager.js";
import { realpathOrUndefined } from "./quiet-fs.js";

/** The CLI's package name: a project may install its own copy. */
export const CLI_PACKAGE = "@integrations/cli";

/** A copy of `@integrations/cli` installed in a project. */
export interface ProjectCli {
  /** Its package directory, symlinks resolved. */
  dir: string;
  version: string;
  /** Whether it is the copy running now (`npx integrations` in that project). */
  running: boolean;
  /** Its built-in plugins: the packages its package.json lists in `integrationsBuiltins`. */
  builtins: string[];
  /** The command that runs it from the project: `npx integrations`, `pnpm exec integrations`, `yarn integrations`. */
  exec: string;
}

/**
 * The copy of `@integrations/cli` that Node would find from the project in `root` (its
 * `node_modules`, or one above it in a monorepo), or undefined when it has none. One existence check
 * per directory level and, when there is a copy, one package.json read.
 */
export function projectCli(root: string): ProjectCli | undefined {
  const dir = installedPackageDir(CLI_PACKAGE, root);
  if (dir === undefined) return undefined;
  let json: { version?: unknown; integrationsBuiltins?: unknown };
  try {
    json = JSON.parse(readFileSync(childPath(dir, "package.json"), "utf8")) as typeof json;
  } catch {
    return undefined; // a broken copy: nothing to recognise its built-ins by
  }
  const builtins = Array.isArray(json.integrationsBuiltins) ? json.integrationsBuiltins.filter((name): name is string => typeof name === "string") : [];
  return {
    dir,
    version: typeof json.version === "string" ? json.version : "(no version)",
    running: dir === (realpathOrUndefined(CLI_PACKAGE_DIR) ?? CLI_PACKAGE_DIR),
    builtins,
    exec: commandsFor(root).exec,
  };
}

/**
 * Whether package `name`, as found from the project in `root` (`dir`), is a built-in of the project's
 * CLI copy `cli`: listed in its `integrationsBuiltins` and the very package that copy would load (npm
 * and Yarn hoist a CLI's dependencies into the project's `node_modules`).
 */
export function isBuiltinOf(cli: ProjectCli, name: string, dir: string): boolean {
  return cli.builtins.includes(name) && installedPackageDir(name, cli.dir) === dir;
}

/** The project's own copy of the CLI (the project: the nearest package.json at or above `cwd`), when it has one and it is not the copy running. */
export function otherProjectCli(cwd: string): ProjectCli | undefined {
  const root = projectRoot(cwd);
  const cli = root === undefined ? undefined : projectCli(root);
  return cli && !cli.running ? cli : undefined;
}

/** What `list` and `doctor` say about another copy of the CLI in the project: its version, that its built-ins are its own, and the command that runs it. */
export function otherCliNotice(cli: ProjectCli): string {
  return (
    `this project has its own ${CLI_PACKAGE} ${cli.version} (${cli.dir}); this is ${cliManifest().version} (${CLI_PACKAGE_DIR}). ` +
    `Its ${cli.builtins.length} built-ins are not listed as project plugins; run the project's CLI with ${cli.exec} …`
  );
}

/** `otherCliNotice` for the project of `cwd`, or undefined when it has no other copy of the CLI. */
export function projectCliNotice(cwd: string): string | undefined {
  const cli = otherProjectCli(cwd);
  return cli && otherCliNotice(cli);
}
