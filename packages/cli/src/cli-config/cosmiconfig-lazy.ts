// cosmiconfig, for `await import("./cosmiconfig-lazy.js")` where the CLI config is searched. cosmiconfig
// is CommonJS: a bundler that splits lazily imported code into chunks gives a dynamic `import()` of a
// CommonJS package only its default export, while a static re-export keeps the named ones.
export { cosmiconfigSync } from "cosmiconfig";
