import type * as Clack from "@clack/prompts";
import { checkFlagValue, flagLabel, SECRET_SCHEMES, secretIdSyntax, suggestedReference, type CheckOptions, type FlagSpec, type FlagSpecs, type SecretScheme } from "@integrations/core";

/** An answer as the flag parser would have read it from argv. */
export type RawAnswer = string | boolean;

type Prompts = typeof Clack;

/** What a text prompt shows while empty, by flag type (a default, when the flag has one, wins). */
const PLACEHOLDER: Partial<Record<FlagSpec["type"], string>> = {
  url: "https://api.example.com",
  domain: "acme.example.com",
  duration: "30s, 1m or 1h30m",
  integer: "a whole number",
};

/**
 * Asks for each flag in `keys` (in that order) with the prompt matching its type: a select of schemes
 * and then the id for a `secret` (never the secret itself), a select for an `enum`, a yes/no for a
 * `boolean`, a text prompt for the others. Every answer is checked as the flag parser checks it
 * (`checkFlagValue`) before it is accepted. A repeatable flag is asked for until the user says no more.
 *
 * @returns the raw answers by key, or `undefined` when the user cancelled (Ctrl-C, Esc).
 */
export async function askForFlags(keys: readonly string[], specs: FlagSpecs, options: CheckOptions, output: NodeJS.WriteStream): Promise<Record<string, RawAnswer | RawAnswer[]> | undefined> {
  const prompts = await import("@clack/prompts");
  const answers: Record<string, RawAnswer | RawAnswer[]> = {};
  for (const key of keys) {
    const spec = specs[key]!;
    const values: RawAnswer[] = [];
    for (;;) {
      const value = await askOne(prompts, key, spec, options, output);
      if (value === undefined) return undefined;
      values.push(value);
      if (!spec.multiple) break;
      const more = await prompts.confirm({ output: output, message: `Another ${flagLabel(key)}?`, initialValue: false });
      if (prompts.isCancel(more)) return undefined;
      if (!more) break;
    }
    answers[key] = spec.multiple ? values : values[0]!;
  }
  return answers;
}

/** The problem `checkFlagValue` finds with one answer, as a prompt shows it; `undefined` when fine. */
function problemWith(key: string, spec: FlagSpec, raw: string, options: CheckOptions): string | undefined {
  const checked = checkFlagValue(key, spec, raw, options);
  return "problem" in checked ? checked.problem : undefined;
}

async function askOne(prompts: Prompts, key: string, spec: FlagSpec, options: CheckOptions, output: NodeJS.WriteStream): Promise<RawAnswer | undefined> {
  const message = `${flagLabel(key)}: ${spec.description}`;
  let answer: RawAnswer | symbol;
  switch (spec.type) {
    case "secret":
      return askSecret(prompts, key, spec, options, output);
    case "boolean":
      answer = await prompts.confirm({ output: output, message, initialValue: spec.default ?? false });
      break;
    case "enum":
      answer = await prompts.select({
        output: output,
        message,
        options: spec.values.map((value) => ({ value })),
        ...(spec.default !== undefined ? { initialValue: spec.default } : {}),
      });
      break;
    default: {
      const fallback = spec.default === undefined ? undefined : String(spec.default);
      const placeholder = fallback ?? PLACEHOLDER[spec.type];
      answer = await prompts.text({
        output: output,
        message,
        ...(placeholder !== undefined ? { placeholder } : {}),
        ...(fallback !== undefined ? { defaultValue: fallback } : {}),
        validate: (value) => problemWith(key, spec, value || fallback || "", options),
      });
    }
  }
  return prompts.isCancel(answer) ? undefined : (answer as RawAnswer);
}

/**
 * A secret reference in two steps: the scheme (`env`, `vault`, …; `dangerousLiteral` only with
 * `--allow-dangerous-literal`), then the id in that scheme's syntax. For `env` the suggested variable
 * (`SLACK_TOKEN`) is what an empty answer takes. Only a `dangerousLiteral` id, the one id that is the
 * secret itself, is typed without being shown.
 */
async function askSecret(prompts: Prompts, key: string, spec: FlagSpec, options: CheckOptions, output: NodeJS.WriteStream): Promise<string | undefined> {
  const label = flagLabel(key);
  const schemes = SECRET_SCHEMES.filter((scheme) => scheme !== "dangerousLiteral" || options.allowDangerousLiteral);
  const scheme = await prompts.select<SecretScheme>({
    output: output,
    message: `${label}: ${spec.description}\nWhich secret reference scheme? (where the proxy reads the secret; the secret itself is never asked for)`,
    options: schemes.map((value) => ({ value, hint: secretIdSyntax(value).syntax })),
    initialValue: "env",
  });
  if (prompts.isCancel(scheme)) return undefined;
  const { syntax, example } = secretIdSyntax(scheme);
  const suggested = scheme === "env" ? suggestedReference(options.integration, key).slice("env:".length) : undefined;
  const reference = (id: string | undefined): string => {
    const text = scheme === "dangerousLiteral" ? (id ?? "") : (id ?? "").trim() || suggested || "";
    return `${scheme}:${text.startsWith(`${scheme}:`) ? text.slice(scheme.length + 1) : text}`;
  };
  const validate = (id: string | undefined) => problemWith(key, spec, reference(id), options);
  const id =
    scheme === "dangerousLiteral"
      ? await prompts.password({ output: output, message: `${label}: the literal secret (it will be written to the file in plain text)`, validate })
      : await prompts.text({
          output: output,
          message: `${label}: ${scheme} id, ${syntax}${suggested ? ` (Enter for ${suggested})` : ""}`,
          placeholder: suggested ?? example.slice(scheme.length + 1),
          ...(suggested ? { defaultValue: suggested } : {}),
          validate,
        });
  return prompts.isCancel(id) ? undefined : reference(id);
}
