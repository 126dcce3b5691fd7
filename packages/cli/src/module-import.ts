/** Imports an ES module given as a `file:` URL (or any specifier `import()` takes) and resolves to its namespace. */
export type ModuleImporter = (specifier: string) => Promise<unknown>;

let importer: ModuleImporter = (specifier) => import(specifier);

/** Modules already loaded, by the file URL they would be imported from (the built-in plugins, in the start-up snapshot). */
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
  return bundled.has(specifier) ? Promise.resolve(bundled.get(specifier)) : importer(specifier);
}

/**
 * Makes `importModule(url)` answer with `namespace` instead of loading the file: the start-up
 * snapshot carries the built-in plugins this way (scripts/build-snapshot.mjs), and the launcher
 * uses it only while those files are unchanged.
 */
export function registerBundledModule(url: string, namespace: unknown): void {
  bundled.set(url, namespace);
}

/** Replaces the importer behind `importModule` (the start-up snapshot's entry does, once, before `main`). */
export function setModuleImporter(next: ModuleImporter): void {
  importer = next;
}
