import { resolve } from "node:path";
import npa from "npm-package-arg";
import validateName from "validate-npm-package-name";
import { UsageError } from "@integrations/core";
import { toPackageName } from "../discovery/naming.js";

/** One thing to install, as `plugins install` understood it. */
export type InstallSpec =
  /** From a registry: the package name (shorthand expanded) and the version, range or dist-tag. */
  | { kind: "registry"; raw: string; name: string; range: string; npm: string }
  /** A local directory or tarball, or a git source: npm installs it as given (paths made absolute). */
  | { kind: "directory" | "tarball" | "git"; raw: string; npm: string };

/**
 * Reads an install spec (DESIGN.md §6). It is a local path, tarball or git source only when it starts
 * with `./`, `../`, `/` or `file:`, ends in `.tgz`, or is a git URL; anything else is a package name
 * with an optional `@version` or `@tag`, where a shorthand expands by the naming convention
 * (`demo` → `integrations-plugin-demo`, `@acme/demo` → `@acme/integrations-plugin-demo`,
 * `@acme` → `@acme/integrations-plugin`). A name never falls back to the bare name.
 *
 * @throws UsageError for a spec npm cannot read or a name npm would refuse.
 */
export function parseInstallSpec(raw: string, cwd: string): InstallSpec {
  if (/^(\.{1,2}\/|\/|file:)/.test(raw) || raw.endsWith(".tgz")) {
    const path = resolve(cwd, raw.replace(/^file:/, ""));
    return { kind: raw.endsWith(".tgz") ? "tarball" : "directory", raw, npm: path };
  }
  if (/^(git\+|git:|github:|gitlab:|bitbucket:)|\.git(#.*)?$/.test(raw)) return { kind: "git", raw, npm: raw };
  const at = raw.lastIndexOf("@");
  const [short, range] = at > 0 ? [raw.slice(0, at), raw.slice(at + 1)] : [raw, ""];
  // npm's own rules first (for the name as typed and as expanded), so the message is npm's.
  for (const candidate of [short, ...(validateName(short).validForNewPackages ? [toPackageName(short)] : [])]) {
    const { validForNewPackages, errors } = validateName(candidate);
    if (!validForNewPackages) throw new UsageError(`"${raw}" is not a package name npm accepts (${(errors ?? ["invalid"]).join("; ")})`);
  }
  const name = toPackageName(short);
  let parsed: npa.Result;
  try {
    parsed = npa(range ? `${name}@${range}` : name);
  } catch (error) {
    throw new UsageError(`"${raw}" is not a version, range or tag npm understands: ${(error as Error).message}`);
  }
  if (parsed.type !== "version" && parsed.type !== "range" && parsed.type !== "tag") {
    throw new UsageError(`"${raw}" is not a registry package spec`);
  }
  const wanted = parsed.rawSpec && parsed.rawSpec !== "*" ? parsed.rawSpec : "latest";
  return { kind: "registry", raw, name, range: wanted, npm: `${name}@${wanted}` };
}
