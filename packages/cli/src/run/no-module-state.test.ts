import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = join(import.meta.dirname, "..");

/**
 * Module-level state that is the same for every run of a process, each with why it is not run state.
 * Everything else a run needs lives on its `Run` (run.ts) or on objects the Run owns.
 */
const PROCESS_WIDE: Record<string, string> = {
  "runtime/package-dir.ts manifest": "the CLI's own package.json, read once: the same for every run",
  "runtime/module-import.ts bundled": "the built-ins the bundle carries, registered as its modules load (made at build time)",
  "discovery/sources.ts builtins": "the built-ins' records, described from the CLI's own packages: the same for every run",
  "discovery/compat.ts hostSdk": "the version of the SDK installed beside the CLI: the same for every run",
  "plain-entry.ts chunks": "the plain entry's module registry (as Node's own module cache): one per process",
  "plain-entry.ts unsaved": "the chunk caches the plain entry writes at exit: about the process's code, not a run",
};

/** The CLI's own sources (tests left out), relative to src/. */
const sources = (readdirSync(SRC, { recursive: true }) as string[]).filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts"));

/** `source` with comments, strings and template literals blanked (newlines kept), so that only code is matched. */
function codeOnly(source: string): string {
  let out = "";
  let i = 0;
  const templates: number[] = []; // brace depth at each open `${`
  let depth = 0;
  const blank = (text: string) => text.replace(/[^\n]/g, " ");
  const skipString = (quote: string) => {
    let j = i + 1;
    while (j < source.length && source[j] !== quote) j += source[j] === "\\" ? 2 : 1;
    out += quote + blank(source.slice(i + 1, j)) + quote;
    i = j + 1;
  };
  const skipTemplate = () => {
    // From just after "`" or "}" to the closing "`" or the next "${".
    let j = i;
    while (j < source.length && source[j] !== "`" && !(source[j] === "$" && source[j + 1] === "{")) j += source[j] === "\\" ? 2 : 1;
    out += blank(source.slice(i, j));
    if (source[j] === "`") {
      out += "`";
      i = j + 1;
    } else {
      out += "${";
      templates.push(depth);
      i = j + 2;
    }
  };
  while (i < source.length) {
    const c = source[i]!;
    if (c === "/" && source[i + 1] === "/") {
      const end = source.indexOf("\n", i);
      out += blank(source.slice(i, end === -1 ? source.length : end));
      i = end === -1 ? source.length : end;
    } else if (c === "/" && source[i + 1] === "*") {
      const end = source.indexOf("*/", i + 2) + 2;
      out += blank(source.slice(i, end));
      i = end;
    } else if (c === '"' || c === "'") skipString(c);
    else if (c === "`") {
      out += "`";
      i++;
      skipTemplate();
    } else if (c === "}" && templates.at(-1) === depth) {
      templates.pop();
      out += "}";
      i++;
      skipTemplate();
    } else {
      if (c === "{") depth++;
      if (c === "}") depth--;
      out += c;
      i++;
    }
  }
  return out;
}

/** The names a module declares at its top level with `let`/`var`, or as a `const` container that starts empty (filled at run time). */
function moduleState(source: string): string[] {
  const code = codeOnly(source);
  const names: string[] = [];
  let depth = 0;
  let lineStart = true;
  for (let i = 0; i < code.length; i++) {
    const c = code[i]!;
    if (lineStart && depth === 0 && /\S/.test(c)) {
      const line = code.slice(i, code.indexOf("\n", i) === -1 ? undefined : code.indexOf("\n", i));
      const mutable = /^(?:export\s+)?(?:let|var)\s+([\w$]+)/.exec(line);
      const container = /^(?:export\s+)?const\s+([\w$]+)\s*(?::[^=]+)?=\s*(?:new\s+(?:Map|Set|WeakMap|WeakSet|Array)\s*(?:<.*>)?\s*\(\s*\)|\[\s*\]|\{\s*\})\s*;/.exec(line);
      const name = mutable?.[1] ?? container?.[1];
      if (name) names.push(name);
    }
    if (/\S/.test(c)) lineStart = false;
    if (c === "\n") lineStart = true;
    if (c === "{" || c === "(" || c === "[") depth++;
    if (c === "}" || c === ")" || c === "]") depth--;
  }
  return names;
}

describe("no run state in module globals", () => {
  it("no module of the CLI holds mutable state at its top level but the process-wide memos listed here", () => {
    expect(sources.length).toBeGreaterThan(50);
    const found = sources.flatMap((file) => moduleState(readFileSync(join(SRC, file), "utf8")).map((name) => `${file.split("\\").join("/")} ${name}`));
    expect(found.filter((entry) => !(entry in PROCESS_WIDE))).toEqual([]);
    // Each allowed entry is still there: a stale list would allow a name that came back as run state.
    expect(Object.keys(PROCESS_WIDE).filter((entry) => !found.includes(entry))).toEqual([]);
  });

  it("the scan finds top-level let, var and empty containers, and not those inside functions, strings or templates", () => {
    const source = [
      "let quiet = false;",
      "export var count = 0;",
      "const seen = new Set<string>();",
      "const rows: { a: string }[] = [];",
      'const TABLE = new Set(["a"]);',
      "function f() {",
      "  let local = 1;",
      "}",
      "const script = `",
      "let inTemplate = ${1};",
      "`;",
      "// let inComment = 1;",
    ].join("\n");
    expect(moduleState(source)).toEqual(["quiet", "count", "seen", "rows"]);
  });
});
