import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/**
 * Where Node shows a source error: `FILE:LINE` (a path, or a `file:` URL for an ES module), the
 * source line, then carets under the offending token.
 */
const HEADER = /^((?:file:\/\/|\/|[A-Za-z]:\\)[^\n]*?):(\d+)\n[^\n]*\n([ \t]*)\^/;

/** `FILE:LINE:COLUMN` from a text that starts with Node's source-error header; the file as a path. */
function locationIn(text: string): string | undefined {
  const found = HEADER.exec(text);
  if (!found) return undefined;
  const file = found[1]!.startsWith("file:") ? fileURLToPath(found[1]!) : found[1]!;
  return `${file}:${found[2]}:${found[3]!.length + 1}`;
}

/** The child's `import.meta`, spelt so that the bundle's check for it (build-bundles.mjs) reads no CLI code here. */
const IMPORT_META = ["import", "meta"].join(".");

/**
 * A child process that finds the module of an ES module graph whose source fails to compile with
 * the given message, without running any of it: it compiles each module of the graph (as
 * `vm.SourceTextModule`, following `import` and `export … from` as Node resolves them) and lets the
 * first such failure go uncaught, which is when Node prints where it is. argv: the entry URL, the message.
 */
const FIND_IN_GRAPH = `
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { SourceTextModule } from "node:vm";
const [entry, message] = process.argv.slice(1);
const seen = new Set();
function compile(url) {
  if (seen.has(url) || !url.startsWith("file:") || !/\\.m?js$/.test(url)) return;
  seen.add(url);
  let module;
  try {
    module = new SourceTextModule(readFileSync(fileURLToPath(url), "utf8"), { identifier: url });
  } catch (error) {
    if (error?.message === message) throw error;
    return;
  }
  for (const specifier of module.dependencySpecifiers) {
    let next;
    try { next = ${IMPORT_META}.resolve(specifier, url); } catch { continue; }
    compile(next);
  }
}
compile(entry);
`;

/** How long the search may take, in ms: a bound on a stuck child only, never a speed check. */
const SEARCH_MS = 20_000;

/**
 * Where the syntax error that importing `url` (a `file:` URL) threw lies, as `FILE:LINE:COLUMN`.
 * Node puts that first in the stack of a CommonJS module's error (and of some ES module errors); for
 * an ES module that does not compile, Node 20 keeps it out of the error a caller catches and prints
 * it only when the error goes uncaught, so it is found again in a child process, by message, without
 * running any module. `undefined` when it cannot be told (a SyntaxError thrown by running code).
 */
export function syntaxErrorAt(error: Error, url: string): string | undefined {
  const stack = String(error.stack ?? "");
  const shown = locationIn(stack);
  if (shown !== undefined) return shown;
  // Thrown while compiling: no frame of any module's code, only Node's loader.
  const frames = stack.split("\n").filter((line) => /^\s+at /.test(line));
  if (!url.startsWith("file:") || frames.some((frame) => !/\(node:|at node:/.test(frame))) return undefined;
  const { NODE_OPTIONS: _options, ...env } = process.env;
  const search = spawnSync(process.execPath, ["--experimental-vm-modules", "--experimental-import-meta-resolve", "--no-warnings", "--input-type=module", "--eval", FIND_IN_GRAPH, url, error.message], {
    env,
    encoding: "utf8",
    stdio: ["ignore", "ignore", "pipe"],
    timeout: SEARCH_MS,
  });
  return locationIn(search.stderr ?? "");
}
