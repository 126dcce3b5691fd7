import { formatIssue, integrationList, maskSecretsInMessage, maskSecretValue, readConfig, validateConfigIssues } from "@integrations/core";
import { success, warn } from "../report.js";
import { resolveConfigFile } from "../settings.js";
import { writeOut } from "../stdout.js";

/** One finding of `validate --json`. */
export interface Finding {
  /** Dotted path, e.g. `integrations[2].destination`. */
  path: string;
  /** 1-based line in the file, when it could be located. */
  line: number | null;
  message: string;
}

/**
 * `integrations validate [--json]`: checks the whole file against every rule of config-format.md §2
 * and prints every problem with its path and line. Warns about integrations without incoming_auth.
 *
 * @returns 1 when there is any problem, else 0 (warnings do not fail).
 */
export async function validateFile(flagFile: string | undefined, cwd: string, options: { json: boolean; allowDangerousLiteral: boolean }): Promise<number> {
  const { json, allowDangerousLiteral } = options;
  const file = await resolveConfigFile(flagFile, cwd);
  const parsed = await readConfig(file);
  const problems: Finding[] = validateConfigIssues(parsed.data, { allowDangerousLiteral }).map((issue) => ({
    path: formatIssue({ path: issue.path, message: "" }).replace(/: $/, ""),
    line: parsed.lineOf(issue.path) ?? null,
    message: maskSecretsInMessage(issue.message),
  }));
  const warnings: Finding[] = integrationList(parsed)
    .map((item, index) => ({ item, index }))
    .filter(({ item }) => item && typeof item === "object" && !(Array.isArray(item.incoming_auth) && item.incoming_auth.length > 0))
    .map(({ item, index }) => ({
      path: `integrations[${index}]`,
      line: parsed.lineOf(["integrations", index]) ?? null,
      message: `integration ${maskSecretValue(String(item.name))} has no incoming_auth: any caller that reaches the proxy can use it`,
    }));
  if (allowDangerousLiteral && parsed.text.includes("dangerousLiteral:")) {
    warnings.push({ path: "", line: null, message: "holds dangerousLiteral: secrets in plain text; replace them with references such as env:NAME" });
  }
  if (json) {
    writeOut(`${JSON.stringify({ file, valid: problems.length === 0, problems, warnings }, null, 2)}\n`);
  } else {
    const where = (f: Finding) => `${file}${f.line ? `:${f.line}` : ""}: ${f.path ? `${f.path}: ` : ""}${f.message}`;
    for (const w of warnings) warn(where(w));
    for (const p of problems) writeOut(`${where(p)}\n`);
    const count = integrationList(parsed).length;
    if (problems.length === 0) success(`${file} is valid (${count} ${count === 1 ? "integration" : "integrations"})`);
    else writeOut(`${problems.length} ${problems.length === 1 ? "problem" : "problems"} in ${file}\n`);
  }
  return problems.length === 0 ? 0 : 1;
}
