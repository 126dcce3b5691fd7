import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { CLI_PACKAGE_DIR } from "./package-dir.js";

/** Imports an ES module given as a `file:` URL (or any specifier `import()` takes) and resolves to its namespace. */
export type ModuleImporter = (specifier: string) => Promise<unknown>;

/**
 * What gives a bundled built-in's module namespace: the namespace itself (the start-up snapshot
 * holds it loaded) or a promise of it (the ES module bundle imports the built-in's own chunk).
 */
export type BundledPluginLoader = () => unknown;

/** The built-in plugins the running bundle carries, by `name@version`: filled as the bundle's modules load, the same for every run of the process. */
const bundled = new Map<string, BundledPluginLoader>();

/** How a run imports code that is not part of the CLI, and what it is still importing. */
export interface ModuleImport {
  /**
   * Imports code that is not part of the CLI itself (a plugin, a JavaScript CLI config) at run time.
   * Everything that loads such code goes through here, because inside the start-up snapshot a plain
   * `import()` fails ("A dynamic import callback was not specified"): snapshot-main.ts hands in an
   * importer that works there.
   *
   * @throws whatever the module's resolution, loading or evaluation throws.
   */
  importModule(specifier: string): Promise<unknown>;
  /** What `importModule` is still importing, as paths (`file:` URLs converted): a run that stops unfinished names them (exit.ts). */
  pendingImports(): string[];
}

/** A `ModuleImport` over `importer` (the entry's `import()`), which tracks the imports still pending. */
export function moduleImport(importer: ModuleImporter): ModuleImport {
  const pending = new Set<string>();
  return {
    importModule(specifier) {
      const namespace = requireEsModule(specifier);
      if (namespace !== undefined) return Promise.resolve(namespace);
      const loading = importer(specifier);
      pending.add(specifier);
      const settled = () => void pending.delete(specifier);
      loading.then(settled, settled);
      return loading;
    },
    pendingImports: () => [...pending].map((specifier) => (specifier.startsWith("file:") ? fileURLToPath(specifier) : specifier)),
  };
}

/**
 * The namespace of the ES module at `specifier` (a `file:` URL) loaded through `require()`, when this
 * Node can require ES modules (`process.features.require_module`: Node ≥ 20.19) and the module has
 * no top-level await; else undefined, and the caller imports it. Same module, same evaluation (Node
 * keeps one module map for both), without setting up Node's asynchronous loader as a first
 * `import()` does (docs/performance.md). A CommonJS module, a module with
 * top-level await, or any failure goes to `import()`, whose result or error is then the one reported
 * (an ES module is evaluated once whichever way it was first reached).
 */
function requireEsModule(specifier: string): unknown {
  if (!process.features.require_module || !specifier.startsWith("file:")) return undefined;
  // No warning to mute: Node 20.19+ reports require(esm) only under --trace-require-module, and the
  // module's own top level runs inside this call, with its warnings.
  try {
    const loaded = createRequire(join(CLI_PACKAGE_DIR, "package.json"))(fileURLToPath(specifier)) as unknown;
    return Object.prototype.toString.call(loaded) === "[object Module]" ? loaded : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Records how to get the entry module of a built-in plugin package that the running bundle carries,
 * by name and version: the start-up snapshot holds each one loaded, the ES module bundle (and its
 * CommonJS twins) each in a chunk of its own (scripts/build-bundles.mjs). Name and version are enough
 * to know the code is the same (a published version never changes), and hold on any machine.
 */
export function registerBundledPlugin(packageName: string, version: string, load: BundledPluginLoader): void {
  bundled.set(`${packageName}@${version}`, load);
}

/** How to get the module namespace `registerBundledPlugin` recorded for that package and version, if any. */
export function bundledPlugin(packageName: string, version: string | undefined): BundledPluginLoader | undefined {
  return version === undefined ? undefined : bundled.get(`${packageName}@${version}`);
}
