import { resolve } from "node:path";
import npa from "npm-package-arg";
import validateName from "validate-npm-package-name";
import { UsageError } from "@integrations/core";
import { toPackageName } from "../../discovery/naming.js";

/** One thing to install, as `plugins install` understood it. */
export type InstallSpec =
  /** From a registry: the package name (shorthand expanded) and the version, range or dist-tag. */
  | { kind: "registry"; raw: string; name: string; range: string; npm: string }
  /** A local directory or tarball, or a git source: npm installs it as given (paths made absolute). */
  | { kind: "directory" | "tarball" | "git"; raw: string; npm: string };

/** What npm-package-arg must call each kind's `npm` text, so that npm reads it as we did. */
const NPA_TYPES: Record<InstallSpec["kind"], readonly string[]> = {
  registry: ["version", "range", "tag"],
  directory: ["directory"],
  tarball: ["file"],
  git: ["git"],
};

/**
 * Reads an install spec (docs/design.md "Plugin management"). It is a local path, tarball or git source only when it starts
 * with `./`, `../`, `/` or `file:`, ends in `.tgz`, or is a git URL; anything else is a package name
 * with an optional `@version` or `@tag`, where a shorthand expands by the naming convention
 * (`demo` → `integrations-plugin-demo`, `@acme/demo` → `@acme/integrations-plugin-demo`,
 * `@acme` → `@acme/integrations-plugin`). A name never falls back to the bare name.
 *
 * What npm is given is checked to be the same kind of spec by npm's own parser (npm-package-arg), and
 * never begins with `-`: a spec cannot become an npm option (`--git=<program>`) or another kind of
 * source than the one recognised here.
 *
 * @throws UsageError for an option, a spec npm cannot read, a name npm would refuse, or a spec npm
 *   would read as another kind (an alias, a remote URL).
 */
export function parseInstallSpec(raw: string, cwd: string): InstallSpec {
  if (raw.startsWith("-")) {
    throw new UsageError(
      `"${raw}" is an option, not a package spec: plugins install passes only package names, paths, tarballs and git URLs to npm, never npm options; remove it (see integrations plugins install --help)`,
    );
  }
  if (/^(\.{1,2}\/|\/|file:)/.test(raw) || raw.endsWith(".tgz")) {
    const path = resolve(cwd, raw.replace(/^file:/, ""));
    return asNpmReads({ kind: raw.endsWith(".tgz") ? "tarball" : "directory", raw, npm: path });
  }
  if (/^(git\+|git:|github:|gitlab:|bitbucket:)|\.git(#.*)?$/.test(raw)) return asNpmReads({ kind: "git", raw, npm: raw });
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
  if (!NPA_TYPES.registry.includes(parsed.type)) {
    throw new UsageError(`"${raw}" is not a registry package spec`);
  }
  const wanted = parsed.rawSpec && parsed.rawSpec !== "*" ? parsed.rawSpec : "latest";
  return asNpmReads({ kind: "registry", raw, name, range: wanted, npm: `${name}@${wanted}` });
}

/**
 * `spec` when npm-package-arg reads its `npm` text as the kind recognised. @throws UsageError otherwise.
 */
function asNpmReads<T extends InstallSpec>(spec: T): T {
  let type: string;
  try {
    type = npa(spec.npm).type;
  } catch (error) {
    throw new UsageError(`"${spec.raw}" is not a package spec npm understands: ${(error as Error).message.split("\n")[0]}`);
  }
  const kind = spec.kind === "registry" ? "registry package" : spec.kind === "git" ? "git URL" : `local ${spec.kind}`;
  if (!NPA_TYPES[spec.kind].includes(type)) {
    throw new UsageError(`"${spec.raw}" looks like a ${kind} but npm would read it as a ${type} spec; give a package name, ./path, path.tgz or git+https://…/repo.git`);
  }
  return spec;
}

/**
 * `name` when it is an existing package's name as npm accepts it (what `uninstall` and `update` hand
 * to npm, read from the user plugin directory's package.json).
 *
 * @throws UsageError naming `where` otherwise: nothing else ever reaches npm's command line.
 */
export function checkedPackageName(name: string, where: string): string {
  const { validForOldPackages, errors } = validateName(name); // refuses a leading "-" too
  if (validForOldPackages) return name;
  throw new UsageError(`"${name}" in ${where} is not a package name npm accepts (${(errors ?? ["invalid"]).join("; ")}); remove it from ${where}`);
}
