import { describe, expect, it } from "vitest";
import { pluginExport } from "./default-export.js";

// The namespaces as Node's import() gives them (vitest's own module runner reads CommonJS otherwise,
// so the real imports are in plugin-loading.e2e.test.ts, through the CLI).
const plugin = { name: "one" };
const module = (namespace: Record<string, unknown>) => Object.freeze(Object.assign(Object.create(null) as object, namespace));
const compiled = (exported: unknown) => {
  const exports = { default: exported };
  Object.defineProperty(exports, "__esModule", { value: true });
  return module({ __esModule: true, default: exports });
};

describe("pluginExport reads a module's default export as ES module interop does", () => {
  it.each([
    { form: "an ES module's export default", namespace: module({ default: plugin }) },
    { form: "CommonJS module.exports = plugin", namespace: module({ default: plugin, name: "one" }) },
    { form: "CommonJS as TypeScript emits export default (__esModule, exports.default)", namespace: compiled(plugin) },
    { form: "CommonJS as Babel emits it (exports.__esModule = true, enumerable)", namespace: module({ __esModule: true, default: { __esModule: true, default: plugin } }) },
  ])("$form: the plugin object", ({ namespace }) => {
    expect(pluginExport(namespace)).toBe(plugin);
  });

  it("an array: as an ES module's default, module.exports and TypeScript's exports.default", () => {
    const two = [plugin, { name: "two" }];
    expect(pluginExport(module({ default: two }))).toBe(two);
    expect(pluginExport(compiled(two))).toBe(two);
  });

  it("leaves alone what is not compiled ES module syntax", () => {
    const withoutFlag = { default: plugin };
    expect(pluginExport(module({ default: withoutFlag }))).toBe(withoutFlag); // exports.default without __esModule
    const flagOnly = { name: "one" };
    Object.defineProperty(flagOnly, "__esModule", { value: true });
    expect(pluginExport(module({ __esModule: true, default: flagOnly }))).toBe(flagOnly); // __esModule without a default
    expect(pluginExport(module({ name: "one" }))).toBeUndefined();
    expect(pluginExport(module({ default: null }))).toBeNull();
    expect(pluginExport(undefined)).toBeUndefined();
  });
});
