// Every public package as it would be published: packed with `pnpm pack` (prepack builds it, `workspace:`
// ranges are rewritten), then checked on the tarball itself — publint, Are the Types Wrong, the file list
// and the packed package.json. `pnpm release` runs this file before `pnpm publish -r` (RELEASING.md).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { beforeAll, describe, expect, it } from "vitest";
import { makeTempDir, packPublicPackages, publicPackages } from "@integrations/test-utils";
import type { PackedPackage } from "@integrations/test-utils";

const REPOSITORY = "https://github.com/integrations-cli/integrations";
// attw's "esm-only" profile (`attw --profile esm-only`, which ignores these two resolutions): the packages are ESM only ("type": "module",
// no `require` condition), so resolving them from CommonJS (node16-cjs) or with the pre-exports
// node10 algorithm is not supported by design; node16 from ESM and bundlers must resolve with types.
const ESM_ONLY_IGNORED_RESOLUTIONS = ["node10", "node16-cjs"];

// attw's core maps its "development" condition to its TypeScript sources, and vitest resolves with
// that condition: load the built entry Node itself would load.
const attwEntry = pathToFileURL(createRequire(import.meta.url).resolve("@arethetypeswrong/core")).href;
const { checkPackage, createPackageFromTarballData } = (await import(attwEntry)) as typeof import("@arethetypeswrong/core");

const expected = publicPackages();
let packed: PackedPackage[] = [];
beforeAll(() => {
  packed = packPublicPackages(makeTempDir());
}, 120_000);

interface Tarball {
  files: string[];
  manifest: Record<string, unknown>;
  read(path: string): string;
}

function open(pkg: PackedPackage): Tarball {
  const data = new Uint8Array(readFileSync(pkg.tarball));
  const contents = createPackageFromTarballData(data);
  const root = `/node_modules/${pkg.name}/`;
  const read = (path: string): string => contents.readFile(root + path);
  return {
    files: contents
      .listFiles()
      .map((file) => file.slice(root.length))
      .sort(),
    manifest: JSON.parse(read("package.json")) as Record<string, unknown>,
    read,
  };
}

function tarballOf(dir: string): PackedPackage {
  const pkg = packed.find((item) => item.dir === dir);
  if (!pkg) throw new Error(`packages/${dir} was not packed`);
  return pkg;
}

describe("the published packages", () => {
  it("are core, the SDK, the CLI and the 21 built-in plugins", () => {
    expect(expected.map((pkg) => pkg.name)).toEqual(expect.arrayContaining(["@integrations/core", "@integrations/plugin-sdk", "@integrations/cli"]));
    expect(expected.filter((pkg) => pkg.name.startsWith("integrations-plugin-"))).toHaveLength(21);
    expect(expected).toHaveLength(24);
    expect(packed.map((pkg) => pkg.name)).toEqual(expected.map((pkg) => pkg.name));
  });

  it.each(expected.map((pkg) => pkg.dir))("%s passes publint on its tarball, suggestions included", async (dir) => {
    const pkg = tarballOf(dir);
    const data = readFileSync(pkg.tarball);
    const tarball = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength);
    const { messages, pkg: manifest } = await publint({ pack: { tarball }, level: "suggestion", strict: true });
    expect(messages.map((message) => `${message.type}: ${formatMessage(message, manifest) ?? message.code}`)).toEqual([]);
  });

  it.each(expected.map((pkg) => pkg.dir))("%s passes Are the Types Wrong (esm-only profile) on its tarball", async (dir) => {
    const contents = createPackageFromTarballData(new Uint8Array(readFileSync(tarballOf(dir).tarball)));
    const analysis = await checkPackage(contents);
    expect(analysis.types, "the package ships no types").toBeTruthy();
    const problems = "problems" in analysis ? analysis.problems : [];
    const counted = problems.filter((problem) => !("resolutionKind" in problem) || !ESM_ONLY_IGNORED_RESOLUTIONS.includes(problem.resolutionKind));
    expect(counted).toEqual([]);
  });

  it.each(expected.map((pkg) => pkg.dir))("%s holds built code, a README and a LICENSE, and no tests, sources, maps or snapshot", (dir) => {
    const { files } = open(tarballOf(dir));
    expect(files).toEqual(expect.arrayContaining(["package.json", "README.md", "LICENSE", "dist/index.js", "dist/index.d.ts"]));
    const unwanted = files.filter(
      (file) => /\.test\./.test(file) || /(^|\/)(src|test-support|snapshot)\//.test(file) || file.endsWith(".map") || file.endsWith(".tsbuildinfo") || file.endsWith(".blob"),
    );
    expect(unwanted).toEqual([]);
    // scripts/postinstall.mjs: the CLI's install-time snapshot build, named by its package.json.
    for (const file of files) expect(file, `${file} is not a file the package needs`).toMatch(/^(dist\/|bin\/|scripts\/postinstall\.mjs$|package\.json$|README\.md$|LICENSE$)/);
  });

  it.each(expected.map((pkg) => pkg.dir))("%s has real version ranges and the shared metadata in its packed package.json", (dir) => {
    const pkg = tarballOf(dir);
    const { manifest, read } = open(pkg);
    expect(read("package.json")).not.toContain("workspace:");
    for (const field of ["dependencies", "peerDependencies", "optionalDependencies"]) {
      for (const [name, range] of Object.entries((manifest[field] ?? {}) as Record<string, string>)) {
        expect(range, `${field}.${name}`).toMatch(/^[\^~]?\d+\.\d+\.\d+/);
      }
    }
    expect(manifest).toMatchObject({
      name: pkg.name,
      version: pkg.version,
      license: "MIT",
      type: "module",
      engines: { node: expect.stringMatching(/^>=20/) },
      repository: { type: "git", url: `git+${REPOSITORY}.git`, directory: `packages/${dir}` },
      homepage: `${REPOSITORY}/tree/main/packages/${dir}#readme`,
      bugs: { url: `${REPOSITORY}/issues` },
    });
    expect((manifest.keywords as string[]).length).toBeGreaterThan(0);
    expect(typeof manifest.description).toBe("string");
  });

  it.each(expected.map((pkg) => pkg.dir))("%s has a README whose links work outside the repository", (dir) => {
    const readme = open(tarballOf(dir)).read("README.md");
    const relative = [...readme.matchAll(/\]\((?!https?:|#|mailto:)([^)]+)\)/g)].map((match) => match[1]);
    expect(relative).toEqual([]);
  });

  it("the CLI pins the exact built-in plugins it ships with", () => {
    const { manifest } = open(tarballOf("cli"));
    const builtins = manifest.integrationsBuiltins as string[];
    const dependencies = manifest.dependencies as Record<string, string>;
    for (const name of builtins) expect(dependencies[name], name).toBe(expected.find((pkg) => pkg.name === name)?.version);
  });
});
