import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CLI_PACKAGE_DIR } from "../runtime/package-dir.js";
import { installedPackageDir } from "./package-root.js";
import { FileError, PLUGIN_API_VERSION } from "@integrations/core/base";

/** The package plugins peer-depend on; its version in this host decides compatibility. */
export const SDK_PACKAGE = "@integrations/plugin-sdk";

// Process-wide, not run state: the SDK installed beside the CLI is the same for every run of the process.
let hostSdk: Promise<string> | undefined;

/**
 * This host's SDK version, read once from the SDK's package.json (the one the CLI depends on, found
 * as Node would resolve it from the CLI's package).
 *
 * @throws FileError when the SDK is not installed beside the CLI (a broken install).
 */
export function hostSdkVersion(): Promise<string> {
  // A promise that rejects (never throws) when the SDK is missing, as every caller expects.
  hostSdk ??= new Promise((resolve) => {
    const dir = installedPackageDir(SDK_PACKAGE, CLI_PACKAGE_DIR);
    if (!dir) throw new FileError(`${SDK_PACKAGE} is not installed beside the CLI (${CLI_PACKAGE_DIR}); reinstall the CLI`);
    const json = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { version: string };
    resolve(json.version);
  });
  return hostSdk;
}

/** What a package.json declares that bears on compatibility. */
export interface CompatFields {
  integrationsPlugin?: { apiVersion?: unknown };
  peerDependencies?: Record<string, string>;
}

/**
 * Why a plugin package cannot run in this host, or undefined when it can (docs/design.md "Plugins"): its
 * manifest asks for another plugin apiVersion, or its peer range on the SDK excludes this host's SDK
 * version. No range declared = compatible.
 */
export async function incompatibility(json: CompatFields): Promise<string | undefined> {
  const apiVersion = json.integrationsPlugin?.apiVersion;
  if (apiVersion !== undefined && apiVersion !== PLUGIN_API_VERSION) {
    return `needs plugin apiVersion ${String(apiVersion)}; this host supports ${PLUGIN_API_VERSION}`;
  }
  const range = json.peerDependencies?.[SDK_PACKAGE];
  if (range === undefined) return undefined;
  const [{ default: satisfies }, version] = await Promise.all([import("semver/functions/satisfies.js"), hostSdkVersion()]);
  return satisfies(version, range, { includePrerelease: true }) ? undefined : `needs ${SDK_PACKAGE}@${range}; this host has ${version}`;
}
