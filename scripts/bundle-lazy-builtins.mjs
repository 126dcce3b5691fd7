// An esbuild plugin for the start-up snapshot's bundle: Node's built-in modules that bundled code
// requires at its top level but that many runs never call become stand-ins that load the real module
// on first use: commander's child_process (for executable subcommands); crypto (cosmiconfig's, for
// its TypeScript loader; the core's, for temporary file names and lock owners when a file is
// written); fs/promises (cosmiconfig's asynchronous explorer, plugin management, doctor: the hot
// paths read synchronously). Loaded while the snapshot is built, each would be saved in it
// (child_process with net and dgram: ~0.5 MB; crypto ~0.4 MB; fs/promises with readline's
// internals ~0.15 MB) and read back on every run. The warm-up loads crypto into the snapshot for
// integration runs, which write files (snapshot-warm-up.ts).
import { builtinModules } from "node:module";

/** @param {string[]} names built-in modules (without `node:`) to load on first use */
export function lazyBuiltins(names) {
  for (const name of names) if (!builtinModules.includes(name)) throw new Error(`lazyBuiltins: ${name} is not a built-in module`);
  const filter = new RegExp(`^(node:)?(${names.join("|")})$`);
  return {
    name: "lazy-builtins",
    setup(build) {
      build.onResolve({ filter }, (args) => ({ path: args.path.replace(/^node:/, ""), namespace: "lazy-builtin" }));
      build.onLoad({ filter: /.*/, namespace: "lazy-builtin" }, (args) => ({ contents: standIn(args.path), loader: "js" }));
    },
  };
}

/**
 * A CommonJS module whose exports stand for built-in `name`: a function proxy (`assert(…)` is
 * called) that loads the module on the first read, call or key lookup. Its own keys are the
 * module's, listed now, so that esbuild's ES module interop (which copies the keys as getters, and
 * asks for `__esModule`) loads nothing.
 */
function standIn(name) {
  const keys = Object.keys(process.getBuiltinModule(`node:${name}`));
  return `let loaded;
const real = () => (loaded ??= process.getBuiltinModule(${JSON.stringify(`node:${name}`)}));
const keys = ${JSON.stringify(keys)};
module.exports = new Proxy(() => {}, {
  get: (_, key) => (key === "__esModule" ? undefined : real()[key]),
  apply: (_, self, args) => Reflect.apply(real(), self, args),
  has: (_, key) => key in real(),
  ownKeys: () => [...keys],
  getOwnPropertyDescriptor: (target, key) =>
    keys.includes(key) ? { value: undefined, writable: true, enumerable: true, configurable: true } : Reflect.getOwnPropertyDescriptor(target, key),
});
`;
}
