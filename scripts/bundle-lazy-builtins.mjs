// An esbuild plugin for both bundles: Node's built-in modules that bundled code imports at its top
// level but that many runs never call become stand-ins that load the real module on first use.
//   - child_process: commander's (executable subcommands), plugin management's.
//   - crypto: cosmiconfig's (its TypeScript loader), the core's (temporary file names and lock
//     owners, only when a file is written).
//   - fs/promises: cosmiconfig's asynchronous explorer, plugin management, doctor (the hot paths
//     read synchronously).
//   - assert, v8 (ES module bundle only): import-meta-resolve's; an assertion that holds needs no
//     module. The snapshot's own code uses v8 at build time.
//   - process (ES module bundle only): the global object. An ES module import of a built-in makes
//     Node read every export's value once (for `process`, `process.report` too).
// In the start-up snapshot, each loaded module would be saved in the blob and read back on every
// run (child_process brings net and dgram with it); without the snapshot, each costs its load on
// every run.
import { builtinModules } from "node:module";

/** @param {string[]} names built-in modules (without `node:`) to load on first use */
export function lazyBuiltins(names) {
  for (const name of names) if (!builtinModules.includes(name)) throw new Error(`lazyBuiltins: ${name} is not a built-in module`);
  const filter = new RegExp(`^(node:)?(${names.map((name) => name.replace("/", "\\/")).join("|")})$`);
  return {
    name: "lazy-builtins",
    setup(build) {
      build.onResolve({ filter }, (args) => (args.kind === "require-call" || args.kind === "import-statement" ? { path: args.path.replace(/^node:/, ""), namespace: "lazy-builtin" } : undefined));
      build.onLoad({ filter: /.*/, namespace: "lazy-builtin" }, (args) => ({ contents: standIn(args.path), loader: "js" }));
    },
  };
}

/**
 * A CommonJS module whose exports stand for built-in `name` (esbuild's interop then reads a named
 * import, `randomBytes`, from it at each use): a function proxy (`assert(…)` is called) that loads
 * the module on the first read, call or key lookup. Its own keys are the module's, listed now, so
 * that the interop's copy of the keys as getters, and its question for `__esModule`, load nothing.
 */
function standIn(name) {
  if (name === "process") return "module.exports = process;\n";
  const keys = Object.keys(process.getBuiltinModule(`node:${name}`));
  const assert = name === "assert";
  return `let loaded;
const real = () => (loaded ??= process.getBuiltinModule(${JSON.stringify(`node:${name}`)}));
const keys = ${JSON.stringify(keys)};
${assert ? `const ok = (value, ...rest) => { if (!value) real().ok(value, ...rest); };` : ""}
module.exports = new Proxy(() => {}, {
  get: (_, key) => (key === "__esModule" ? undefined : ${assert ? `key === "ok" ? ok : ` : ""}real()[key]),
  set: (_, key, value) => Reflect.set(real(), key, value),
  apply: (_, self, args) => ${assert ? "args[0] ? undefined : " : ""}Reflect.apply(real(), self, args),
  has: (_, key) => key in real(),
  ownKeys: () => [...keys],
  getOwnPropertyDescriptor: (target, key) =>
    keys.includes(key) ? { value: undefined, writable: true, enumerable: true, configurable: true } : Reflect.getOwnPropertyDescriptor(target, key),
});
`;
}
