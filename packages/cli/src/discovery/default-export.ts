/**
 * A plugin module's default export, read from its namespace as ES module interop reads it (TypeScript's
 * `esModuleInterop`, bundlers): the namespace's `default`, except for CommonJS compiled from ES module
 * syntax. TypeScript and Babel emit `export default plugin` as
 * `Object.defineProperty(exports, "__esModule", { value: true }); exports.default = plugin;`, and
 * Node gives such a module the namespace `{ __esModule: true, default: module.exports }`: the
 * namespace's `default` is then `{ __esModule: true, default: plugin }`, whose own `default` is
 * the export meant. `module.exports = plugin` (or an array) is read as is.
 */
export function pluginExport(namespace: unknown): unknown {
  const exported = (namespace as { default?: unknown } | null | undefined)?.default;
  if (typeof exported !== "object" || exported === null) return exported;
  const compiled = exported as { __esModule?: unknown; default?: unknown };
  return compiled.__esModule === true && Object.hasOwn(compiled, "default") ? compiled.default : exported;
}
