// The parts of @integrations/core that need zod at once, for `await import("./core-lazy.js")` where
// they are used. An `import()` of "@integrations/core" itself would make the start-up bundle
// initialise all of core (zod and yaml included) in every run, because esbuild wraps a package
// imported dynamically anywhere; this way `--help`, `--version` and `list` load neither.
export { checkPluginShape, configJsonSchema } from "@integrations/core";
