/**
 * Bounds on data whose nodes are shared: YAML aliases and merge keys make `toJS` return one object at
 * every place that refers to it. A 2,500-item list anchored once and aliased 500 times is 80 KB of YAML
 * and under the parser's alias count, yet walking it (as validation does) visits 1.25 million values;
 * an alias inside its own anchor makes the walk endless.
 */
import { ConfigError } from "../errors.js";
import type { ValidationIssue } from "./validation-issue.js";

/** At most this many values may be reached again through shared nodes. */
export const MAX_SHARED_VALUES = 1_000_000;

/**
 * The problem with walking `value` as a tree, if any: a node inside itself (a recursive alias, which
 * the proxy refuses too; the issue's path is the alias), or more than MAX_SHARED_VALUES values repeated
 * through shared nodes. Data of up to MAX_SHARED_VALUES values in all is passed by one plain walk;
 * larger data takes a second walk that visits each shared node once.
 */
export function sharingIssue(value: unknown): ValidationIssue | undefined {
  if (walkFits(value, MAX_SHARED_VALUES)) return undefined;
  const { shared, cycle } = measure(value);
  if (cycle) return { path: cycle, message: "is an alias of a node that contains it (a recursive alias, which the proxy refuses); write the values out instead" };
  if (shared > MAX_SHARED_VALUES) {
    return { path: [], message: `aliases repeat ${shared} values, more than the ${MAX_SHARED_VALUES} allowed; write the shared values out or use fewer aliases` };
  }
  return undefined;
}

/** Whether walking `value` as a tree (shared nodes walked again) visits at most `budget` values. */
function walkFits(value: unknown, budget: number): boolean {
  const stack = [value];
  let left = budget;
  while (stack.length > 0) {
    const node = stack.pop();
    if (--left < 0) return false;
    if (node !== null && typeof node === "object") for (const key in node) stack.push((node as Record<string, unknown>)[key]);
  }
  return true;
}

/** Values visited by a tree walk beyond the distinct ones, and the path of the first node found inside itself. */
function measure(root: unknown): { shared: number; cycle?: PropertyKey[] } {
  const sizes = new Map<object, number>(); // 0 while the node's own walk is under way
  const path: PropertyKey[] = [];
  let distinct = 0;
  let cycle: PropertyKey[] | undefined;
  const size = (node: object): number => {
    const known = sizes.get(node);
    if (known === 0) cycle ??= [...path];
    if (known !== undefined) return known;
    sizes.set(node, 0);
    distinct += 1;
    let total = 1;
    for (const [key, child] of Object.entries(node)) {
      if (child === null || typeof child !== "object") {
        total += 1;
        distinct += 1;
        continue;
      }
      path.push(Array.isArray(node) ? Number(key) : key);
      total += size(child as object);
      path.pop();
    }
    sizes.set(node, total);
    return total;
  };
  const total = root !== null && typeof root === "object" ? size(root) : 0;
  return { shared: total - distinct, ...(cycle ? { cycle } : {}) };
}

/**
 * Refuses data that cannot be walked or printed as a tree (see `sharingIssue`), before a command
 * prints it or edits the file around it.
 *
 * @throws ConfigError `file at integrations[0].extra: is an alias of a node that contains it …`, or
 *   the count of repeated values.
 */
export function assertWalkable(value: unknown): void {
  const issue = sharingIssue(value);
  if (!issue) return;
  const path = issue.path.map((key, i) => (typeof key === "number" ? `[${key}]` : `${i > 0 ? "." : ""}${String(key)}`)).join("");
  throw new ConfigError((file) => `${file}${path ? ` at ${path}` : ""}: ${issue.message}`);
}
