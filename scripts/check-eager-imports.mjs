#!/usr/bin/env node
// The one rule for what the start-up code may import eagerly: `--help`, `--version` and `list` run
// from a commands-only snapshot that must not hold core's main entry (its schemas, zod, yaml). So no
// module reachable through static imports from commands/main.ts or commands/program.ts may import
// `@integrations/core`, zod or yaml statically; `@integrations/core/base` is light and allowed, and
// a command that needs the heavy entry imports it with `await import(…)` where it is used.
// scripts/bundle-commands-only.mjs checks the built bundle; this names the import that broke it.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Packages a module reachable eagerly from the entries must not import statically. */
export const HEAVY = ["@integrations/core", "zod", "yaml"];

/** The eager entries of the commands snapshot, relative to the CLI's src/. */
export const ENTRIES = ["commands/main.ts", "commands/program.ts"];

/** Static imports and re-exports of `source` that are not type-only: `[specifier, line]`. */
function staticImports(source) {
  const found = [];
  const pattern = /^(?:import|export)\s+(type\s+)?([^;]*?)\s*from\s*["']([^"']+)["']|^import\s+["']([^"']+)["']/gm;
  for (const match of source.matchAll(pattern)) {
    const line = source.slice(0, match.index).split("\n").length;
    if (match[4]) found.push([match[4], line]);
    else if (!match[1] && !/^\{\s*(type\s+[\w$]+\s*(as\s+[\w$]+\s*)?,?\s*)+\}$/.test(match[2])) found.push([match[3], line]);
  }
  return found;
}

/**
 * The static imports of a heavy package in the modules reachable through static imports from
 * `entries` (paths relative to `src`), as `file:line imports package` with the chain that reaches it.
 */
export function eagerViolations(src, entries = ENTRIES) {
  const violations = [];
  const via = new Map(entries.map((entry) => [resolve(src, entry), undefined]));
  const queue = [...via.keys()];
  while (queue.length > 0) {
    const file = queue.shift();
    for (const [specifier, line] of staticImports(readFileSync(file, "utf8"))) {
      if (HEAVY.includes(specifier)) {
        const chain = [];
        for (let at = file; at !== undefined; at = via.get(at)) chain.unshift(relative(src, at));
        violations.push(
          `${relative(src, file)}:${line} imports ${specifier} statically (reached eagerly: ${chain.join(" → ")}); import it with await import() where it is used, or use @integrations/core/base`,
        );
      }
      if (!specifier.startsWith(".")) continue;
      const target = resolve(dirname(file), specifier.replace(/\.js$/, ".ts"));
      if (!existsSync(target) || via.has(target)) continue;
      via.set(target, file);
      queue.push(target);
    }
  }
  return violations;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const src = join(dirname(fileURLToPath(import.meta.url)), "..", "packages", "cli", "src");
  const violations = eagerViolations(src);
  for (const violation of violations) console.error(`check-eager-imports: ${violation}`);
  process.exit(violations.length > 0 ? 1 : 0);
}
