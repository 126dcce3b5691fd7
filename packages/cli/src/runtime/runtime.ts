import type { WriteText } from "../output/output.js";
import { moduleImport, type ModuleImport, type ModuleImporter } from "./module-import.js";
import { CLI_PACKAGE_DIR } from "./package-dir.js";

/**
 * What the process entry (bin.ts, or the start-up snapshot's main function) hands `main`: the parts
 * of a run that depend on how the process started, so that no module has a setter for them.
 */
export interface Runtime extends ModuleImport {
  /** The CLI package's own directory. */
  readonly packageDir: string;
  /** How this process started, for `doctor`: `snapshot`, or `esm` (the ES module bundle, also when the snapshot was found stale). */
  readonly startup: "snapshot" | "esm";
  /** The environment the run reads its options from (run.ts). */
  readonly env: NodeJS.ProcessEnv;
  /** The CLI's own stdout (see stdout.ts: everything else written to `process.stdout` goes to stderr). */
  readonly writeOut: WriteText;
  /** stderr. */
  readonly writeErr: WriteText;
}

/** What an entry knows about how it started. */
export interface RuntimeParts {
  /** `import()` as it works in this process. @default a plain `import()` */
  importer?: ModuleImporter;
  startup?: Runtime["startup"];
  /** @default process.stdout's own write */
  writeOut?: WriteText;
}

/** The runtime of this process, from what its entry knows; the rest from `process`. */
export function makeRuntime(parts: RuntimeParts = {}): Runtime {
  // The stream is looked up when written to: Node creates process.stderr on first access.
  const toStream =
    (stream: () => NodeJS.WriteStream): WriteText =>
    (text, done) =>
      done ? stream().write(text, done) : stream().write(text);
  return {
    ...moduleImport(parts.importer ?? ((specifier) => import(specifier))),
    packageDir: CLI_PACKAGE_DIR,
    startup: parts.startup ?? "esm",
    env: process.env,
    writeOut: parts.writeOut ?? toStream(() => process.stdout),
    writeErr: toStream(() => process.stderr),
  };
}
