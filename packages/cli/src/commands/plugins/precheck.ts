import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { PluginError } from "@integrations/core";
import { incompatibility, type CompatFields } from "../../discovery/compat.js";
import { isPluginPackageName } from "../../discovery/naming.js";
import { failureContext, runNpm, type NpmContext } from "./npm.js";
import { explainNpmFailure, npmFailure } from "./npm-errors.js";
import { npmRegistryFlag, type RegistryChoice } from "./registries.js";
import type { InstallSpec } from "./spec.js";

/** What a package says about itself before it is installed. */
export interface PackageFacts extends CompatFields {
  name: string;
  version?: string;
  integrationsPlugin?: { apiVersion?: unknown; integrations?: unknown };
}

/**
 * Reads a package's manifest before anything is installed: registry metadata through `npm view
 * --json` from the registry `choice` names (`registryFor`), or the package.json of a directory or
 * tarball. Git sources are not read (npm clones them).
 *
 * @throws PluginError naming the registry (and what chose it) when the package is not there (a
 *   shorthand never falls back to the bare name) or the registry cannot be reached (npm's error code,
 *   the proxy when one is in the way, and the fix).
 */
export async function packageFacts(spec: InstallSpec, context: NpmContext, choice?: RegistryChoice): Promise<PackageFacts | undefined> {
  switch (spec.kind) {
    case "registry": {
      const registry = choice!;
      const where = `the registry ${registry.url} (${registry.from})`;
      // npm would quietly serve a cached copy when the registry is down: ask the registry itself first.
      const ping = await runNpm(["ping"], context, [], registry.url);
      if (ping.code !== 0) throw new PluginError(`cannot install ${spec.name}: ${explainNpmFailure(ping, await failureContext(context, registry))}; nothing was installed`);
      // The scope mappings in effect and the package's default registry: what npm install will ask.
      const result = await runNpm(["view", "--json", "--prefer-online"], context, [spec.npm], npmRegistryFlag(spec.name, context.settings));
      if (result.code !== 0) {
        const failure = npmFailure(result);
        throw new PluginError(
          failure.code === "E404"
            ? `${spec.name}@${spec.range} is not on ${where}${spec.name !== spec.raw.replace(/@[^@/]*$/, "") ? ` ("${spec.raw}" is the shorthand for ${spec.name})` : ""} (npm error E404); check the name, or the scope's registry in .npmrc`
            : `cannot get ${spec.name} from ${where}: ${explainNpmFailure(result, await failureContext(context, registry))}`,
        );
      }
      const parsed = JSON.parse(result.stdout || "null") as PackageFacts | PackageFacts[] | null;
      const facts = Array.isArray(parsed) ? parsed[parsed.length - 1] : parsed;
      if (!facts) throw new PluginError(`no version of ${spec.name} matches ${spec.range} on ${where}`);
      return facts;
    }
    case "directory":
      return readJson(join(spec.npm, "package.json"), spec.raw);
    case "tarball": {
      const { stdout } = await promisify(execFile)("tar", ["-xzOf", spec.npm, "package/package.json"]).catch((error: Error) => {
        throw new PluginError(`cannot read package/package.json from ${spec.raw}: ${error.message.split("\n")[0]}`);
      });
      return JSON.parse(stdout) as PackageFacts;
    }
    case "git":
      return undefined;
  }
}

async function readJson(path: string, raw: string): Promise<PackageFacts> {
  try {
    return JSON.parse(await readFile(path, "utf8")) as PackageFacts;
  } catch (error) {
    throw new PluginError(`${raw} is not a package directory: ${(error as Error).message.split("\n")[0]}`);
  }
}

/**
 * Refuses, before npm changes anything, a package that is not an integrations plugin (no
 * `integrationsPlugin` manifest and a name outside the naming convention) or that this host cannot
 * run (docs/design.md "Plugins": its apiVersion, or its peer range on the SDK).
 *
 * @throws PluginError with the reason.
 */
export async function assertInstallable(facts: PackageFacts): Promise<void> {
  if (!facts.integrationsPlugin && !isPluginPackageName(facts.name)) {
    throw new PluginError(`${facts.name} is not an integrations plugin: it has no "integrationsPlugin" manifest and its name is not integrations-plugin-*`);
  }
  const reason = await incompatibility(facts);
  if (reason) throw new PluginError(`${facts.name}${facts.version ? `@${facts.version}` : ""} is incompatible with this host: it ${reason}`);
}
