// Every markdown document of the repository stands on its own: every relative link points at a
// file of this repository that exists (and at a heading that exists, when it names one), and no
// relative path in its prose or inline code leaves the repository. Links to public pages are
// fine. Fenced code blocks are left out: they hold commands run in the reader's own directories.
// The code's comments and messages likewise point at the repository's own documents, never at the
// planning files that sit beside a checkout; the one path out allowed is the shared reference data
// that the tests read (`../shared/reference/`).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { workspacePath } from "@integrations/test-utils";

const root = workspacePath();

/** Folders that hold no documents of ours: installed packages, build output, git's own files. */
const NOT_DOCUMENTS = new Set(["node_modules", "dist", ".git"]);

/** Every file of the checkout whose path (relative to its root) `keep` accepts, sorted. */
function filesOfCheckout(keep: (path: string) => boolean, dir = ""): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return NOT_DOCUMENTS.has(entry.name) ? [] : filesOfCheckout(keep, path);
      return entry.isFile() && keep(path) ? [path] : [];
    })
    .sort();
}

/** Every `.md` file of the checkout (README, RELEASING, ARCHITECTURE, docs/, packages' READMEs and CHANGELOGs, changesets…). */
const markdownFiles = () => filesOfCheckout((path) => path.endsWith(".md"));

/** The text with every fenced code block blanked, line numbers kept. */
function withoutFences(text: string): string[] {
  let fence: string | undefined;
  return text.split("\n").map((line) => {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence === undefined && marker !== undefined) fence = marker;
    else if (fence !== undefined && marker !== undefined && marker.startsWith(fence)) fence = undefined;
    else if (fence === undefined) return line;
    return "";
  });
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to dashes. */
function slug(heading: string): string {
  return heading
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

function anchors(file: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  for (const line of withoutFences(readFileSync(file, "utf8"))) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)?.[1];
    if (heading === undefined) continue;
    const base = slug(heading);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    result.add(count === 0 ? base : `${base}-${count}`);
  }
  return result;
}

const insideRepo = (path: string) => !relative(root, path).startsWith("..") && !isAbsolute(relative(root, path));

/** Every problem of one markdown file's links and paths (its text, by default as on disk), as `file:line: what`. */
function problems(file: string, text = readFileSync(join(root, file), "utf8")): string[] {
  const path = join(root, file);
  const found: string[] = [];
  withoutFences(text).forEach((line, index) => {
    const where = `${file}:${index + 1}`;
    const links = [
      ...[...line.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]!),
      ...[...line.matchAll(/^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/g)].map((m) => m[1]!),
      ...[...line.matchAll(/\b(?:href|src)="([^"]+)"/g)].map((m) => m[1]!),
    ];
    for (const link of links) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(link)) continue; // https:, mailto:: a public page
      const [target, fragment] = link.split("#", 2) as [string, string | undefined];
      if (target.startsWith("/")) {
        found.push(`${where}: ${link} is an absolute path; link relative to ${file}`);
        continue;
      }
      const resolved = target === "" ? path : resolve(dirname(path), decodeURIComponent(target.split("?")[0]!));
      if (!insideRepo(resolved)) found.push(`${where}: ${link} leaves the repository; bring what it points at into docs/ or link a public page`);
      else if (!existsSync(resolved)) found.push(`${where}: ${link} points at ${relative(root, resolved)}, which does not exist`);
      else if (fragment && resolved.endsWith(".md") && statSync(resolved).isFile() && !anchors(resolved).has(fragment)) {
        found.push(`${where}: ${link} names no heading of ${relative(root, resolved)}`);
      }
    }
    for (const match of line.matchAll(/(?<![\w./~-])\.\.?\/[^\s`)\]>"',;]*/g)) {
      if (!insideRepo(resolve(dirname(path), match[0]))) found.push(`${where}: the path ${match[0]} leaves the repository`);
    }
  });
  return found;
}

describe("the repository's documents stand on their own", () => {
  it("reads every document: the READMEs, RELEASING, ARCHITECTURE, docs/, the packages' READMEs and CHANGELOGs", () => {
    const files = markdownFiles();
    for (const file of ["README.md", "RELEASING.md", "ARCHITECTURE.md", join("docs", "config-format.md"), join("examples", "ledger", "README.md")]) {
      expect(files).toContain(file);
    }
    expect(files).toContain(join("packages", "cli", "README.md"));
    expect(files).toContain(join("packages", "core", "CHANGELOG.md"));
    expect(files).toContain(join("packages", "plugin-slack", "README.md"));
    expect(files.some((file) => file.includes("node_modules"))).toBe(false);
  });

  it("the check finds links and paths that leave the repository, missing files and missing headings", () => {
    const text = [
      "Design decisions: `../shared/DESIGN.md`. Specs: [spec](../shared/spec/config-format.md).",
      "See [the guide](docs/nope.md), [security](docs/security.md#no-such-heading) and [abs](/etc/passwd).",
      "Fine: [AuthTranslator](https://github.com/winhowes/AuthTranslator), [secrets](docs/security.md#secrets),",
      "[top](#usage), [ledger](examples/ledger), `./packages/cli`.",
      "## Usage",
      "```sh",
      "cd ../proxy-config",
      "```",
    ].join("\n");
    expect(problems("README.md", text)).toEqual([
      "README.md:1: ../shared/spec/config-format.md leaves the repository; bring what it points at into docs/ or link a public page",
      "README.md:1: the path ../shared/DESIGN.md leaves the repository",
      "README.md:1: the path ../shared/spec/config-format.md leaves the repository",
      "README.md:2: docs/nope.md points at docs/nope.md, which does not exist",
      "README.md:2: docs/security.md#no-such-heading names no heading of docs/security.md",
      "README.md:2: /etc/passwd is an absolute path; link relative to README.md",
    ]);
  });

  it.each(markdownFiles())("%s: every relative link exists, no path leaves the repository", (file) => {
    expect(problems(file)).toEqual([]);
  });
});

/** Folders and files of code and scripts, relative to the root (their documents are checked above). */
const CODE = /\.(ts|mts|cts|js|mjs|cjs|sh)$|^packages\/[^/]+\/bin\/|^\.ci\//;

/** Every code file of the checkout but this one (whose examples name what it looks for). */
const codeFiles = () => filesOfCheckout((path) => CODE.test(path) && !path.endsWith("docs-links.test.ts"));

/** A document outside the repository: the planning files beside a checkout, or a path into `../shared` other than its reference data. */
const OUTSIDE = /\b(?:DESIGN|TOOLCHAIN|STYLE)\.md\b|\bspec\/[\w-]+\.md\b|config-format\.md §|\.\.\/shared\/(?!reference\/)/;

/** Each line of `text` that points outside the repository, as `file:line: text`. */
function outsideReferences(file: string, text: string): string[] {
  return text.split("\n").flatMap((line, index) => (OUTSIDE.test(line) ? [`${file}:${index + 1}: ${line.trim()}`] : []));
}

describe("the code points at the repository's own documents", () => {
  it("the check finds the planning files, spec sections and paths into ../shared, but not the reference data", () => {
    const text = [
      "// see DESIGN.md §3 and TOOLCHAIN.md trap 9",
      "/** config-format.md §2, spec/builtin-integrations.md */",
      'const x = "../shared/spec/config-format.md";',
      'const schema = new URL("../../shared/reference/authtranslator/config.schema.json", import.meta.url);',
      '// docs/design.md "Discovery", docs/config-format.md "Secret references"',
    ].join("\n");
    expect(outsideReferences("x.ts", text)).toEqual([
      "x.ts:1: // see DESIGN.md §3 and TOOLCHAIN.md trap 9",
      "x.ts:2: /** config-format.md §2, spec/builtin-integrations.md */",
      'x.ts:3: const x = "../shared/spec/config-format.md";',
    ]);
  });

  it("no code file, test or script names a document outside the repository", () => {
    const files = codeFiles();
    expect(files).toContain(join("packages", "cli", "src", "commands", "main.ts"));
    expect(files).toContain(join("scripts", "test.mjs"));
    expect(files.flatMap((file) => outsideReferences(file, readFileSync(join(root, file), "utf8")))).toEqual([]);
  });
});
