import type { Command } from "commander";
import { COMMON_FLAGS, RESERVED_NAMES, integrationList, readConfig, suggestedReference, toKebabCase, type FlagSpecs } from "@integrations/core";
import { findPlugin } from "../discovery/discover.js";
import { loadDeclarations } from "../discovery/load.js";
import type { PluginRecord } from "../discovery/record.js";
import { makeRun, type Run } from "../run/run.js";
import type { Runtime } from "../runtime/runtime.js";

/** The words before the one being completed, read the way main.ts routes them. */
interface Line {
  /** The command word or integration, then its arguments (flags and their values left out). */
  positionals: string[];
  /** The word just before the one being completed. */
  previous: string | undefined;
  file?: string;
  plugins: string[];
}

/** `--file x`, `-plugin=y`: the host flags that take a value and may stand anywhere. */
const GLOBAL_VALUE_FLAG = /^--?(file|plugin)$/;

function readLine(before: readonly string[]): Line {
  const line: Line = { positionals: [], previous: before.at(-1), plugins: [] };
  for (let i = 0; i < before.length; i++) {
    const word = before[i]!;
    const inline = /^--?(file|plugin)=(.*)$/s.exec(word);
    const flag = GLOBAL_VALUE_FLAG.exec(word)?.[1] ?? inline?.[1];
    const value = inline ? inline[2] : flag ? before[++i] : undefined;
    if (flag === "file" && value !== undefined) line.file = value;
    else if (flag === "plugin" && value !== undefined) line.plugins.push(value);
    else if (!flag && !(word.startsWith("-") && word.length > 1)) line.positionals.push(word);
  }
  return line;
}

const longFlags = (command: Command | undefined): string[] => (command ? [...command.options.filter((o) => !o.hidden && o.long).map((o) => o.long!), "--help"] : []);

const flagsOf = (specs: FlagSpecs): string[] => Object.keys(specs).map((key) => `--${toKebabCase(key)}`);

/**
 * The candidates for the last of `words` (the words after `integrations`, the one being completed
 * last, possibly empty), one per line, for the shell scripts of `integrations completion`: command
 * words, integration names (discovery reads manifests only), and after an integration (also after
 * `update <integration>`) its flags — which imports that one plugin — with the common and host flags.
 * Flags are offered as `--flag`, or Go-style `-flag` when the word starts with a single dash; after
 * an enum flag its values, after a secret flag the suggested reference. Never fails: on any problem
 * it offers nothing, and the shell falls back to file names.
 */
export async function completions(words: readonly string[], cwd: string, runtime: Runtime): Promise<string[]> {
  const current = words.at(-1) ?? "";
  const line = readLine(words.slice(0, -1));
  if (line.previous !== undefined && GLOBAL_VALUE_FLAG.test(line.previous)) return [];
  const run = makeRun(runtime, cwd, { ...(line.file !== undefined ? { file: line.file } : {}), plugins: line.plugins, noPlugins: false, quiet: false, json: false, debug: false });
  // A CLI config that cannot be read completes as if there were none.
  const unreadable = await run.cliConfig().then(
    () => false,
    () => true,
  );
  const records = unreadable
    ? await (await import("../discovery/discover.js")).discoverPlugins({ cwd, plugins: line.plugins, pluginsOff: run.pluginsOff, warn: (message) => run.output.warn(message) })
    : await run.discover();
  const names = records.filter((r) => r.status !== "shadowed").map((r) => r.integration);
  const { buildProgram } = await import("./program.js");
  const { program } = await buildProgram(run);
  const command = (name: string) => program.commands.find((c) => c.name() === name);
  const [first, second] = line.positionals;
  const dash = current.startsWith("-");

  let candidates: string[];
  if (first === undefined) {
    candidates = dash ? longFlags(program) : [...program.commands.map((c) => c.name()), ...names];
  } else if (!RESERVED_NAMES.includes(first)) {
    candidates = await integrationCandidates(run, records, first, line, program, false, current);
  } else if (first === "update" && second !== undefined) {
    candidates = await integrationCandidates(run, records, second, line, program, true, current);
  } else if (dash) {
    const sub = first === "plugins" && second !== undefined ? command(first)?.commands.find((c) => c.name() === second) : undefined;
    candidates = longFlags(sub ?? command(first));
  } else if (line.positionals.length > 1) {
    candidates = [];
  } else if (first === "update" || first === "help") {
    candidates = names;
  } else if (first === "delete") {
    candidates = await configuredNames(run);
  } else {
    candidates = (command(first)?.commands.map((c) => c.name()) ?? []).concat(first === "completion" ? ["bash", "zsh", "fish"] : []);
  }
  const goStyle = /^-[^-]/.test(current);
  const shown = goStyle ? candidates.map((c) => c.replace(/^--/, "-")) : candidates;
  return [...new Set(shown.filter((c) => c.startsWith(current)))];
}

/**
 * The flags of one integration command (for a word that starts with a dash, or an empty one: these
 * commands take no other arguments), or the values of the flag just before the word being completed.
 */
async function integrationCandidates(run: Run, records: PluginRecord[], name: string, line: Line, program: Command, update: boolean, current: string): Promise<string[]> {
  const dash = current.startsWith("-");
  const record = findPlugin(records, name);
  const plugin = record ? await loadDeclarations(record, run).catch(() => undefined) : undefined;
  const specs: FlagSpecs = { ...plugin?.flags, ...COMMON_FLAGS };
  const previous = line.previous?.replace(/^--?/, "");
  const key = Object.keys(specs).find((k) => toKebabCase(k) === previous && line.previous!.startsWith("-"));
  const spec = key === undefined ? undefined : specs[key];
  if (spec && spec.type !== "boolean" && !dash) {
    if (spec.type === "enum") return [...spec.values];
    if (spec.type === "secret") return [suggestedReference(plugin?.name ?? name, key!)];
    return [];
  }
  if (!dash && current !== "") return [];
  const updateFlags = longFlags(program.commands.find((c) => c.name() === "update")).filter((f) => update || (f !== "--replace" && f !== "--add"));
  const host = [...longFlags(program).filter((f) => f !== "--version"), ...updateFlags, "--allow-dangerous-literal"];
  return [...(plugin ? flagsOf(plugin.flags) : []), ...flagsOf(COMMON_FLAGS), ...host];
}

/** The names in the config file, for `delete`. */
async function configuredNames(run: Run): Promise<string[]> {
  const list = integrationList(readConfig((await run.configFile()).path));
  return list.map((item) => (item as { name?: unknown } | null)?.name).filter((n): n is string => typeof n === "string");
}

/** `integrations __complete <words…>`: prints the candidates one per line; always exits 0. */
export async function printCompletions(words: readonly string[], cwd: string, runtime: Runtime): Promise<number> {
  const candidates = await completions(words.length === 0 ? [""] : words, cwd, runtime).catch(() => []);
  if (candidates.length > 0) runtime.writeOut(`${candidates.join("\n")}\n`);
  return 0;
}
