/** Imports an ES module given as a `file:` URL (or any specifier `import()` takes) and resolves to its namespace. */
export type ModuleImporter = (specifier: string) => Promise<unknown>;

let importer: ModuleImporter = (specifier) => import(specifier);

/** Plugin modules already loaded, by package directory (the built-in plugins, in the start-up snapshot). */
const bundled = new Map<string, unknown>();

/**
 * Imports code that is not part of the CLI itself (a plugin, a JavaScript CLI config) at run time.
 * Everything that loads such code goes through here, because inside the start-up snapshot a plain
 * `import()` fails ("A dynamic import callback was not specified"): snapshot-main.ts installs an
 * importer that works there.
 *
 * @throws whatever the module's resolution, loading or evaluation throws.
 */
export function importModule(specifier: string): Promise<unknown> {
  return importer(specifier);
}

/**
 * Records the already-loaded entry module of the plugin package in `dir` (its real path): the
 * start-up snapshot carries the built-in plugins this way (scripts/build-snapshot.mjs), and the
 * launcher uses the snapshot only while their files are unchanged.
 */
export function registerBundledPlugin(dir: string, namespace: unknown): void {
  bundled.set(dir, namespace);
}

/** The module namespace `registerBundledPlugin` recorded for the package in `dir`, if any. */
export function bundledPlugin(dir: string): unknown {
  return bundled.get(dir);
}

/** Replaces the importer behind `importModule` (the start-up snapshot's entry does, once, before `main`). */
export function setModuleImporter(next: ModuleImporter): void {
  importer = next;
}
