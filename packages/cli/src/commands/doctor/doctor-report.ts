import { checkRecords } from "../../discovery/load.js";
import { mergeSources } from "../../discovery/discover.js";
import { otherCliNotice, otherProjectCli } from "../../discovery/project-cli.js";
import type { PluginStatus } from "../../discovery/record.js";
import { listRow, type ListRow } from "../list.js";
import { cliConfigFacts, configFileFacts, nodeAndCli, type CliConfigFacts, type CliFacts, type ConfigFileFacts, type NodeFacts } from "./environment.js";
import { npmFacts, type NpmFacts } from "./npm.js";
import { sourceFacts, type SourceFacts } from "./source-facts.js";
import type { Run } from "../../run/run.js";

/** Everything `integrations doctor` looks at; `--json` prints it as is. */
export interface DoctorReport {
  cli: CliFacts;
  node: NodeFacts;
  configFile: ConfigFileFacts;
  cliConfig: CliConfigFacts;
  /** The six discovery sources, highest precedence first. */
  sources: SourceFacts[];
  plugins: {
    /** How many integrations have each status. */
    counts: Record<PluginStatus, number>;
    /** As `list --json` shows them: each non-shadowed plugin imported for its real status (remembered for `list`). */
    list: ListRow[];
    /** What loaded plugins carry that may break them (their own SDK of another major), as `list --check` warns. */
    warnings: { integration: string; package: string; warning: string }[];
  };
  npm: NpmFacts;
  /**
   * The project's own copy of the CLI, when it has one that is not this one (`npm install -D
   * @integrations/cli` in a project, run by a global CLI): its built-ins are not project plugins, and
   * `run` is the command that runs it. Null otherwise.
   */
  projectCli: { version: string; path: string; run: string; notice: string } | null;
}

/**
 * Gathers the doctor's report. Never throws for what it diagnoses: a CLI config or config.yaml that
 * cannot be read, a plugin that cannot be imported, a missing directory are all facts in the report.
 */
export async function doctorReport(run: Run): Promise<DoctorReport> {
  const { cwd } = run;
  const { config, facts: cliConfig } = await cliConfigFacts(run);
  const [{ node, cli }, configFile, { sources, bySource }, npm] = await Promise.all([
    nodeAndCli(run.runtime),
    configFileFacts(run.configFileGiven(config), cwd),
    sourceFacts(run, config),
    npmFacts(cwd, config),
  ]);
  const other = otherProjectCli(cwd);
  const projectCli = other ? { version: other.version, path: other.dir, run: other.exec, notice: otherCliNotice(other) } : null;
  const records = await checkRecords(mergeSources(bySource), run);
  const counts: Record<PluginStatus, number> = { ok: 0, error: 0, incompatible: 0, shadowed: 0, unchecked: 0 };
  for (const record of records) counts[record.status]++;
  const warnings = records.flatMap((r) => (r.warnings ?? []).map((warning) => ({ integration: r.integration, package: r.packageName, warning })));
  return { cli, node, configFile, cliConfig, sources, plugins: { counts, list: records.map(listRow), warnings }, npm, projectCli };
}
