import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { PluginError } from "@integrations/core";
import { incompatibility, type CompatFields } from "../discovery/compat.js";
import { isPluginPackageName } from "../discovery/naming.js";
import { npmReason, runNpm, type NpmContext } from "./npm.js";
import { registryFor, type Registries } from "./npmrc.js";
import type { InstallSpec } from "./spec.js";

/** What a package says about itself before it is installed. */
export interface PackageFacts extends CompatFields {
  name: string;
  version?: string;
  integrationsPlugin?: { apiVersion?: unknown; integrations?: unknown };
}

/**
 * Reads a package's manifest before anything is installed: registry metadata through `npm view
 * --json`, or the package.json of a directory or tarball. Git sources are not read (npm clones them).
 *
 * @throws PluginError naming the registry when the package is not there (a shorthand never falls back
 *   to the bare name) or the registry cannot be reached.
 */
export async function packageFacts(spec: InstallSpec, context: NpmContext, registries: Registries): Promise<PackageFacts | undefined> {
  switch (spec.kind) {
    case "registry": {
      const registry = registryFor(spec.name, registries, context.registry);
      // npm would quietly serve a cached copy when the registry is down: ask the registry itself first.
      const ping = await runNpm(["ping", `--registry=${registry}`], context);
      if (ping.code !== 0) throw new PluginError(`cannot reach the registry ${registry} for ${spec.name}: ${npmReason(ping)}; nothing was installed`);
      // Ask exactly that registry for the package, whatever other .npmrc files say.
      const scope = spec.name.startsWith("@") ? spec.name.slice(0, spec.name.indexOf("/")) : undefined;
      const pin = scope ? `--${scope}:registry=${registry}` : `--registry=${registry}`;
      const result = await runNpm(["view", "--json", "--prefer-online", pin], context, [spec.npm]);
      if (result.code !== 0) {
        const notFound = /E404|404 Not Found|is not in this registry/.test(result.stderr);
        throw new PluginError(notFound
          ? `${spec.name}@${spec.range} is not on the registry ${registry}${spec.name !== spec.raw.replace(/@[^@/]*$/, "") ? ` ("${spec.raw}" is the shorthand for ${spec.name})` : ""}; check the name, or the scope's registry in .npmrc`
          : `cannot get ${spec.name} from the registry ${registry}: ${npmReason(result)}`);
      }
      const parsed = JSON.parse(result.stdout || "null") as PackageFacts | PackageFacts[] | null;
      const facts = Array.isArray(parsed) ? parsed[parsed.length - 1] : parsed;
      if (!facts) throw new PluginError(`no version of ${spec.name} matches ${spec.range} on the registry ${registry}`);
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
 * run (DESIGN.md §2: its apiVersion, or its peer range on the SDK).
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
