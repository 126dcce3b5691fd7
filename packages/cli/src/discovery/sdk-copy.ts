import { readFileSync } from "node:fs";
import { CLI_PACKAGE_DIR } from "../runtime/package-dir.js";
import { hostSdkVersion, SDK_PACKAGE } from "./compat.js";
import { childPath, installedPackageDir } from "./package-root.js";
import type { PluginRecord } from "./record.js";

/**
 * Why a plugin that loads may still misbehave: it carries its own copy of the SDK (one its imports
 * reach first, as Node resolves `@integrations/plugin-sdk` from the package's directory, not this
 * CLI's copy) of another major version than this CLI's. The host recognises plugins by shape, so
 * such a plugin loads; but it was written against another contract. Undefined when its imports reach
 * this CLI's copy, no copy, or a copy of the same major.
 */
export async function sdkCopyWarning(record: Pick<PluginRecord, "dir">): Promise<string | undefined> {
  const own = installedPackageDir(SDK_PACKAGE, record.dir);
  if (own === undefined || own === installedPackageDir(SDK_PACKAGE, CLI_PACKAGE_DIR)) return undefined;
  let version: unknown;
  try {
    version = (JSON.parse(readFileSync(childPath(own, "package.json"), "utf8")) as { version?: unknown }).version;
  } catch {
    return undefined; // not a package Node could load either: the import itself says so
  }
  const host = await hostSdkVersion();
  if (typeof version !== "string" || major(version) === undefined || major(version) === major(host)) return undefined;
  return `it carries its own ${SDK_PACKAGE} ${version} (${own}), where this CLI has ${host}: it was built for another major version of the plugin contract and may misbehave; install a version of the plugin made for ${SDK_PACKAGE} ${major(host)}.x, whose package.json lists ${SDK_PACKAGE} in peerDependencies, not dependencies`;
}

/** The major version of a semver version string, or undefined when it has none. */
function major(version: string): number | undefined {
  const match = /^v?(\d+)\./.exec(version.trim());
  return match ? Number(match[1]) : undefined;
}
