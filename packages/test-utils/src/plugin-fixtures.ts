/**
 * Fixture plugin packages for discovery tests: plain ESM packages written into temp dirs (no build,
 * no SDK import), whose modules can leave a marker file when imported.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { writeFiles } from "./temp.js";

/** The `integrationsPlugin` manifest; `null` = the package has none. */
export type Manifest = { apiVersion: unknown; integrations: string[] } | null;

/**
 * The files of one fixture plugin package (relative path → content): its package.json (name,
 * version, `type: module`, `main: index.js`, the manifest unless `null`, plus `extra` fields, where
 * a field set to `undefined` is left out, e.g. `{ main: undefined }`) and `index.js` holding
 * `moduleSource`.
 */
export function fixturePackage(name: string, version: string, manifest: Manifest, moduleSource: string, extra: Record<string, unknown> = {}): Record<string, string> {
  const json = { name, version, type: "module", main: "index.js", ...(manifest ? { integrationsPlugin: manifest } : {}), ...extra };
  return { "package.json": `${JSON.stringify(json, null, 2)}\n`, "index.js": moduleSource };
}

/** Writes a fixture package into `dir` (created as needed). */
export function writePackage(dir: string, files: Record<string, string>): void {
  mkdirSync(dir, { recursive: true });
  writeFiles(dir, files);
}

/** What a fixture plugin module does. */
export interface PluginOptions {
  /** The plugin's `name`, the command. */
  name: string;
  /** The destination its `build` returns. */
  destination: string;
  /** Written (empty file) when the module is imported. */
  marker?: string;
  /** Flags besides `token`; `signingSecret` makes a slack look-alike. */
  signingSecret?: boolean;
  /** Raw source spliced into the plugin object (e.g. a bad flag), before `build`. */
  extraFlags?: string;
  /** Leave `build` out (a bad shape). */
  noBuild?: boolean;
  /** Raw module lines before the plugin (e.g. `import pad from "left-pad";`). */
  prelude?: string;
}

/** The source of a plugin module whose default export is a plain plugin object (no SDK import). */
export function pluginSource(o: PluginOptions): string {
  const lines = [`import { writeFileSync } from "node:fs";`];
  if (o.prelude) lines.push(o.prelude);
  if (o.marker) lines.push(`writeFileSync(${JSON.stringify(o.marker)}, "imported");`);
  const secrets = o.signingSecret ? `incoming_auth: [{ type: "slack_signature", params: { secrets: [f.signingSecret] } }], ` : "";
  lines.push(
    "export default {",
    "  apiVersion: 1,",
    `  name: ${JSON.stringify(o.name)},`,
    `  description: ${JSON.stringify(`${o.name} API`)},`,
    "  flags: {",
    `    token: { type: "secret", required: true, description: "token ref" },`,
    o.signingSecret ? `    signingSecret: { type: "secret", required: true, description: "signing secret ref" },` : "",
    o.extraFlags ?? "",
    "  },",
    o.noBuild
      ? ""
      : `  build: (f) => ({ name: f.name, destination: ${JSON.stringify(o.destination)}, ${secrets}outgoing_auth: [{ type: "token", params: { header: "Authorization", secrets: [f.token] } }] }),`,
    "};",
    "",
  );
  return lines.filter((l) => l !== "").join("\n");
}

/** A module that throws when imported (after leaving a marker, when given). */
export function throwingSource(message: string, marker?: string): string {
  return [`import { writeFileSync } from "node:fs";`, marker ? `writeFileSync(${JSON.stringify(marker)}, "imported");` : "", `throw new Error(${JSON.stringify(message)});`, ""].join("\n");
}

/**
 * Writes a plugin package `integrations-plugin-<name>` (manifest listing `name`, module `moduleSource`)
 * into `<root>/node_modules`, where discovery finds it as a project plugin when `root` has a
 * package.json. Returns its directory.
 */
export function writeProjectPlugin(root: string, name: string, moduleSource: string): string {
  const dir = join(root, "node_modules", `integrations-plugin-${name}`);
  writePackage(dir, fixturePackage(`integrations-plugin-${name}`, "1.0.0", { apiVersion: 1, integrations: [name] }, moduleSource));
  return dir;
}
