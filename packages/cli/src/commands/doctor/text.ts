import type { PluginStatus } from "../../discovery/record.js";
import { paint } from "../../output/style.js";
import { statusWord } from "../status-word.js";
import { RUNS_WORD } from "../list.js";
import type { ConfigFileFacts } from "./environment.js";
import type { NpmFacts } from "./npm.js";
import type { DoctorReport } from "./doctor-report.js";
import type { SourceFacts } from "./source-facts.js";

const bad = (text: string) => paint("stdout", "red", text);
const warn = (text: string) => paint("stdout", "yellow", text);
const dim = (text: string) => paint("stdout", "gray", text);
const heading = (text: string) => paint("stdout", "bold", text);

const ORIGIN: Record<ConfigFileFacts["from"], string> = {
  flag: "the --file flag",
  INTEGRATIONS_FILE: "$INTEGRATIONS_FILE",
  cliConfig: "the CLI config's file",
  default: "the default",
};

function configSection(r: DoctorReport): string[] {
  const f = r.configFile;
  const state = !f.exists
    ? "does not exist yet (the first add creates it)"
    : f.parses
      ? `exists, parses, ${f.integrations} ${f.integrations === 1 ? "integration" : "integrations"}`
      : bad(`exists but does not parse: ${f.error}`);
  const cliConfig = r.cliConfig.error ? bad(`cannot be read: ${r.cliConfig.error}`) : (r.cliConfig.path ?? dim("none found"));
  return [
    heading("Config file"),
    `  path        ${f.absolutePath}`,
    `  chosen by   ${ORIGIN[f.from]}${f.from === "cliConfig" && r.cliConfig.path ? ` (${r.cliConfig.path})` : ""}`,
    `  state       ${state}`,
    `  CLI config  ${cliConfig}`,
  ];
}

function sourceRows(s: SourceFacts): string[] {
  const count = !s.enabled ? "disabled" : s.paths.length === 0 ? "none" : `${s.plugins} ${s.plugins === 1 ? "plugin" : "plugins"}`;
  const where = s.paths.map((p) => `${p.path}${p.exists ? "" : dim(" (missing)")}`);
  const first = `  ${s.name.padEnd(8)} ${count.padEnd(11)} ${where[0] ?? dim(s.note ?? "")}`.trimEnd();
  const more = where.slice(1).map((w) => `  ${"".padEnd(8)} ${"".padEnd(11)} ${w}`);
  const note = where.length > 0 && s.note ? [`  ${"".padEnd(8)} ${"".padEnd(11)} ${dim(s.note)}`] : [];
  return [first, ...more, ...note];
}

/** `words` joined by ", " into lines of at most `width` characters. */
function wrap(words: string[], width: number): string[] {
  const lines: string[] = [];
  for (const word of words) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last]!.length + word.length + 2 <= width) lines[last] += `, ${word}`;
    else {
      if (last >= 0) lines[last] += ",";
      lines.push(word);
    }
  }
  return lines;
}

function pluginSection(r: DoctorReport): string[] {
  const { counts, list, warnings } = r.plugins;
  // Every plugin is imported for the report: `unchecked` only ever shows when some were not.
  const order: PluginStatus[] = ["ok", "error", "incompatible", "shadowed", ...(counts.unchecked > 0 ? (["unchecked"] as const) : [])];
  const lines = [heading(`Plugins: ${order.map((s) => `${counts[s]} ${s}`).join(", ")}`)];
  for (const status of order.slice(1)) {
    for (const row of list.filter((p) => p.status === status)) {
      lines.push(`  ${statusWord(status)}${" ".repeat(13 - status.length)}${row.integration} (${row.package}${row.version ? `@${row.version}` : ""}, ${row.source}): ${row.cause ?? ""}`);
    }
  }
  const ok = wrap(
    list.filter((p) => p.status === "ok").map((p) => p.integration),
    80,
  );
  ok.forEach((names, i) => lines.push(`  ${i === 0 ? statusWord("ok") : "  "}${" ".repeat(11)}${names}`));
  for (const w of warnings) lines.push(`  ${warn("warning")}      ${w.integration} (${w.package}): ${w.warning}`);
  return lines;
}

/** The trust policy, then each third-party plugin under the way it runs (the built-ins, always in process, counted). */
function trustSection(r: DoctorReport): string[] {
  const t = r.trust;
  const untrusted = t.untrusted === "off" ? "off: untrusted third-party plugins do not run" : "sandbox: untrusted third-party plugins run sandboxed";
  const lines = [heading("Trust (how plugins run)"), `  untrusted   ${untrusted} ${dim(t.untrustedFrom ? `(${t.untrustedFrom})` : "(the default)")}`];
  if (t.entries.length === 0) lines.push(`  trusted     ${dim(`none (the CLI config's "trust", or plugins install --trust)`)}`);
  t.entries.forEach((e, i) => {
    const from = e.from === "config" ? (e.path ?? "the CLI config") : `${e.path ?? "trust.json"}, as installed there`;
    lines.push(`  ${i === 0 ? "trusted   " : "          "}  ${e.entry} ${dim(`(${from})`)}`);
  });
  const thirdParty = r.plugins.list.filter((p) => p.source !== "builtin");
  const builtins = r.plugins.list.length - thirdParty.length;
  for (const runs of ["in-process", "sandbox", "off"] as const) {
    const names = thirdParty.filter((p) => p.runs === runs).map((p) => `${p.integration} (${p.package})`);
    if (runs === "in-process" && builtins > 0) names.push(`the ${builtins} built-${builtins === 1 ? "in" : "ins"}`);
    wrap(names, 80).forEach((text, i) => lines.push(`  ${(i === 0 ? RUNS_WORD[runs] : "").padEnd(10)}  ${text}`));
  }
  return lines;
}

function npmSection(npm: NpmFacts): string[] {
  const width = Math.max(8, ...npm.inEffect.map((e) => (e.scope ?? "registry").length));
  const lines = [heading("npm registries in effect (tokens never shown)")];
  for (const e of npm.inEffect) lines.push(`  ${(e.scope ?? "registry").padEnd(width)}  ${e.registry}  ${dim(e.from === "default" ? "(npm's default)" : `(${e.from})`)}`);
  if (npm.packages.length > 0) {
    lines.push("  installed plugins (plugins update and uninstall ask):");
    for (const p of npm.packages) lines.push(`    ${p.package}  ${p.registry}  ${dim(p.from === "default" ? "(npm's default)" : `(${p.from})`)}`);
  }
  lines.push("  files:");
  const roles = { user: "user", project: "project", pluginDir: "plugins" } as const;
  for (const f of npm.files) {
    const what = !f.exists
      ? dim("not found")
      : [...(f.registry ? [`registry=${f.registry}`] : []), ...Object.entries(f.scopes).map(([scope, url]) => `${scope}:registry=${url}`), ...f.auth].join(", ") || dim("no registry settings");
    lines.push(`    ${roles[f.role].padEnd(8)} ${f.path}: ${what}`);
  }
  return lines;
}

/** The doctor's report as short text sections. */
export function doctorText(r: DoctorReport): string {
  const node = `Node ${r.node.version}${r.node.required ? ` (the CLI needs ${r.node.required}: ${r.node.satisfied ? statusWord("ok") : bad("not satisfied")})` : ""}`;
  const sections = [
    [
      `integrations ${r.cli.version} (${r.cli.path}), started from ${r.cli.startup === "snapshot" ? "the start-up snapshot" : "the plain entry (no start-up snapshot)"}`,
      node,
      ...(r.projectCli ? [r.projectCli.notice] : []),
    ],
    configSection(r),
    [heading("Discovery sources (highest precedence first)"), ...r.sources.flatMap(sourceRows)],
    pluginSection(r),
    trustSection(r),
    npmSection(r.npm),
  ];
  return `${sections.map((lines) => lines.join("\n")).join("\n\n")}\n`;
}
