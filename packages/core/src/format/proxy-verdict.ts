/**
 * The proxy's verdict on a whole config file: errors where it refuses the file (or a value can never
 * work: a malformed secret reference, a raw credential), warnings where it accepts something risky or
 * surprising, each saying what the proxy will actually do.
 */
import { destinationWarning } from "./destination.js";
import { readAsProxy, type ScalarText } from "./proxy-read.js";
import { unresolvedReferences, type ResolveContext } from "./resolve-refs.js";
import { sharingIssue } from "./shared-values.js";
import { validateConfigIssues, type ValidateOptions, type ValidationIssue } from "./validate.js";

/** One finding; `line` (1-based) when it is about a line rather than a value at `path`. */
export interface VerdictIssue extends ValidationIssue {
  line?: number;
}

/** What `proxyVerdict` found; paths are the input's. */
export interface Verdict {
  /** The proxy refuses the file, or a value can never work. */
  errors: VerdictIssue[];
  /** The proxy accepts these, but reads or uses them otherwise than they look. */
  warnings: VerdictIssue[];
}

/** Options for `proxyVerdict`. */
export interface VerdictOptions extends ValidateOptions {
  /** The written text of a scalar at a path (see `readAsProxy`). */
  scalarText?: ScalarText;
  /** Also check that every `env:`/`file:` secret reference resolves here (each that does not is an error). */
  resolve?: ResolveContext;
  /** The file's text, to notice documents after the first (the proxy reads only the first). */
  text?: string;
}

/**
 * The 1-based line of a document marker that ends the first document when another document with
 * content follows it, or undefined. A `---` or `...` at column 0 is always a marker (YAML forbids
 * one inside a scalar), so the lines alone tell, without a parse.
 */
export function laterDocumentLine(text: string): number | undefined {
  const content = /^(?!(?:---|\.\.\.)(?:[ \t]|\r?$))[^\s#%]/m;
  for (const marker of text.matchAll(/^(?:---|\.\.\.)(?=[ \t]|\r?$)/gm)) {
    const at = marker.index;
    if (!content.test(text.slice(0, at))) continue; // a `---` that starts the first document
    const rest = text.slice(at).replace(/^(?:---|\.\.\.)[ \t]*(?:#.*)?/gm, "");
    if (!/^[ \t]*[^\s#]/m.test(rest)) return undefined;
    return text.slice(0, at).split("\n").length;
  }
  return undefined;
}

/**
 * Judges parsed config data as the proxy would: reads it as the proxy's decoder does (`readAsProxy`),
 * then applies every rule of docs/config-format.md "What the proxy checks when it starts" to what it read.
 *
 * @example proxyVerdict({ integrations: [{ name: "a", destination: "ftp://a.example.com" }] })
 * // { errors: [], warnings: [{ path: ["integrations", 0, "destination"], message: '"ftp://a.example.com" uses the scheme ftp: …' }] }
 */
export function proxyVerdict(data: unknown, options: VerdictOptions = {}): Verdict {
  const shape = sharingIssue(data);
  if (shape) return { errors: [shape], warnings: [] };
  const reading = readAsProxy(data, options.scalarText);
  const errors = validateConfigIssues(reading.data, options).map((issue) => ({ ...issue, path: reading.originalPath(issue.path) }));
  if (options.resolve) {
    errors.push(...unresolvedReferences(reading.data, options.resolve).map((issue) => ({ ...issue, path: reading.originalPath(issue.path) })));
  }
  const warnings: VerdictIssue[] = [...reading.notes];
  const later = options.text === undefined ? undefined : laterDocumentLine(options.text);
  if (later !== undefined) {
    warnings.push({ path: [], line: later, message: "starts another YAML document, which the proxy ignores: it reads only the first; move what you need into the first document" });
  }
  const list = (reading.data as { integrations?: unknown } | null)?.integrations;
  if (Array.isArray(list)) {
    list.forEach((item: unknown, index) => {
      const destination = (item as { destination?: unknown } | null)?.destination;
      const warning = typeof destination === "string" ? destinationWarning(destination) : undefined;
      if (warning) warnings.push({ path: reading.originalPath(["integrations", index, "destination"]), message: warning });
    });
    if (list.length === 0 && errors.length === 0) warnings.push({ path: [], message: "holds no integrations: the proxy starts and forwards nothing" });
  }
  return { errors, warnings };
}
