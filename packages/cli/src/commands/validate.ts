import { formatIssue, integrationList, maskSecretsInMessage, maskSecretValue, proxyVerdict, readConfig, type ConfigRead, type VerdictIssue } from "@integrations/core";
import type { Run } from "../run/run.js";
import type { Output } from "../output/output.js";

/** One finding of `validate --json`. */
export interface Finding {
  /** Dotted path, e.g. `integrations[2].destination`. */
  path: string;
  /** 1-based line in the file, when it could be located. */
  line: number | null;
  message: string;
  /** `error`: the proxy refuses the file, or the value can never work; `warning`: the proxy accepts it (a failure with --strict). */
  severity: "error" | "warning";
}

/** Options of `validate`. */
export interface ValidateFlags {
  json: boolean;
  allowDangerousLiteral: boolean;
  /** Warnings fail too (exit 1). */
  strict: boolean;
  /** Also check that every env: and file: reference resolves in this environment. */
  env: boolean;
}

/** The written text of the plain scalar at `path` (`1.50` where the data holds 1.5), read from its line. */
function scalarTextIn(parsed: ConfigRead) {
  const lines = parsed.text.split(/\r?\n/);
  return (path: readonly PropertyKey[]): string | undefined => {
    const line = parsed.lineOf(path);
    const key = path.at(-1);
    if (line === undefined || typeof key !== "string") return undefined;
    const match = new RegExp(`(?:^|[\\s{,-])${key}\\s*:\\s+([^\\s#,{}\\[\\]'"][^#,{}]*?)\\s*(?:$|#|,|})`).exec(lines[line - 1] ?? "");
    return match?.[1];
  };
}

/**
 * `integrations validate [--json] [--strict] [--env]`: the proxy's verdict on the whole file. Errors are
 * what the proxy refuses (or values that can never work), warnings what it accepts but reads or uses
 * otherwise than it looks; each printed with its path and line.
 *
 * @returns 1 when there is an error (or, with `strict`, a warning), else 0.
 */
export async function validateFile(run: Run, options: ValidateFlags): Promise<number> {
  const { json, allowDangerousLiteral, strict } = options;
  const { output } = run;
  const file = (await run.configFile()).path;
  const parsed = readConfig(file);
  const verdict = proxyVerdict(parsed.data, {
    allowDangerousLiteral,
    scalarText: scalarTextIn(parsed),
    text: parsed.text,
    ...(options.env ? { resolve: { env: run.runtime.env, cwd: run.cwd } } : {}),
  });
  const finding =
    (severity: Finding["severity"]) =>
    (issue: VerdictIssue): Finding => ({
      path: formatIssue({ path: issue.path, message: "" }).replace(/: $/, ""),
      line: issue.line ?? (issue.key === undefined ? parsed.lineOf(issue.path) : parsed.keyLineOf([...issue.path, issue.key])) ?? null,
      message: maskSecretsInMessage(issue.message),
      severity,
    });
  const problems = verdict.errors.map(finding("error"));
  const warnings = verdict.warnings.map(finding("warning"));
  warnings.push(
    ...integrationList(parsed)
      .map((item, index) => ({ item, index }))
      .filter(({ item }) => item && typeof item === "object" && !(Array.isArray(item.incoming_auth) && item.incoming_auth.length > 0))
      .map(({ item, index }) => ({
        path: `integrations[${index}]`,
        line: parsed.lineOf(["integrations", index]) ?? null,
        message: `integration ${maskSecretValue(String(item.name))} has no incoming_auth: any caller that reaches the proxy can use it`,
        severity: "warning" as const,
      })),
  );
  if (allowDangerousLiteral && parsed.text.includes("dangerousLiteral:")) {
    warnings.push({ path: "", line: null, message: "holds dangerousLiteral: secrets in plain text; replace them with references such as env:NAME", severity: "warning" });
  }
  warnings.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
  const failed = problems.length > 0 || (strict && warnings.length > 0);
  if (json) {
    output.writeOut(`${JSON.stringify({ file, valid: !failed, strict, problems, warnings }, null, 2)}\n`);
  } else {
    const where = (f: Finding) => `${file}${f.line ? `:${f.line}` : ""}: ${f.path ? `${f.path}: ` : ""}${f.message}`;
    for (const w of warnings) output.warn(where(w));
    for (const p of problems) output.writeOut(`error: ${where(p)}\n`);
    printSummary(output, summary(file, integrationList(parsed).length, problems.length, warnings.length, strict), failed);
  }
  return failed ? 1 : 0;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** The last line: valid (with its warnings counted), or what failed. */
function summary(file: string, count: number, errors: number, warnings: number, strict: boolean): string {
  const noted = warnings > 0 ? `; ${plural(warnings, "warning")}` : "";
  if (errors > 0) return `${plural(errors, "problem")} in ${file}${noted}\n`;
  if (strict && warnings > 0) return `${plural(warnings, "warning")} in ${file}, failing under --strict\n`;
  return `${file} is valid (${plural(count, "integration")}${noted})\n`;
}

/** A failure's summary is the requested output (printed even with --quiet); a success line is not. */
function printSummary(output: Output, text: string, failed: boolean): void {
  if (failed) output.writeOut(text);
  else output.success(text.trimEnd());
}
