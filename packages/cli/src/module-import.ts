/** Imports an ES module given as a `file:` URL (or any specifier `import()` takes) and resolves to its namespace. */
export type ModuleImporter = (specifier: string) => Promise<unknown>;

let importer: ModuleImporter = (specifier) => import(specifier);

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

/** Replaces the importer behind `importModule` (the start-up snapshot's entry does, once, before `main`). */
export function setModuleImporter(next: ModuleImporter): void {
  importer = next;
}
