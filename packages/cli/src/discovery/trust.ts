import { join } from "node:path";
import type { CliConfig, UntrustedMode } from "../cli-config/settings.js";
import { PluginLoadError } from "./load-error.js";
import type { PluginRecord, PluginRunMode } from "./record.js";
import { TRUST_FILE, trustedPlugins, userPluginDir } from "./user-dir.js";

/** Who trusts a plugin to run in process: an entry of the CLI config's `trust`, or the user plugin directory's trust.json. */
export type TrustSource = { kind: "config"; entry: string; path: string | undefined } | { kind: "trust.json"; path: string };

/**
 * The trust policy of a run (docs/design.md "Trust"): which third-party plugins run in process, and
 * what the others do. Built from the CLI config and one small file, once per discovery.
 */
export interface TrustPolicy {
  /** The CLI config's `trust` entries: package names and whole scopes (`@acme/*`), as written. */
  readonly entries: readonly string[];
  /** The CLI config file they come from, when there is one. */
  readonly configPath: string | undefined;
  /** The packages of the user plugin directory's trust.json: trusted only as installed or linked there (source `user`). */
  readonly installed: ReadonlySet<string>;
  /** trust.json's path. */
  readonly trustFile: string;
  /** What an untrusted third-party plugin does. */
  readonly untrusted: UntrustedMode;
  /** The CLI config file that sets `untrusted`; undefined when it is the default. */
  readonly untrustedFrom: string | undefined;
}

/** The policy of `config` (its `trust`, `untrusted`, and the trust.json of its user plugin directory). Reads one small file, when it exists. */
export function trustPolicy(config: Pick<CliConfig, "trust" | "untrusted" | "path" | "dataDir">): TrustPolicy {
  const dir = userPluginDir(config);
  return {
    entries: config.trust ?? [],
    configPath: config.path,
    installed: new Set(trustedPlugins(dir)),
    trustFile: join(dir, TRUST_FILE),
    untrusted: config.untrusted ?? "sandbox",
    untrustedFrom: config.untrusted === undefined ? undefined : (config.path ?? "the CLI config"),
  };
}

/** Whether a `trust` entry covers a package: the same name, or its whole scope (`@acme/*` covers `@acme/integrations-plugin-x`). */
export function entryCovers(entry: string, packageName: string): boolean {
  return entry.endsWith("/*") ? packageName.startsWith(entry.slice(0, -1)) : entry === packageName;
}

/**
 * What trusts a third-party record to run in process, or undefined when nothing does. The CLI
 * config's entries cover a package name wherever it is found; trust.json only the copy in the user
 * plugin directory (what was installed or linked with `--trust`), not another package of that name
 * that a project or a global install brings.
 */
export function trustedBy(record: Pick<PluginRecord, "packageName" | "source">, policy: TrustPolicy): TrustSource | undefined {
  const entry = policy.entries.find((e) => entryCovers(e, record.packageName));
  if (entry !== undefined) return { kind: "config", entry, path: policy.configPath };
  if (record.source === "user" && policy.installed.has(record.packageName)) return { kind: "trust.json", path: policy.trustFile };
  return undefined;
}

/** How a record's plugin runs under `policy`: built-ins and trusted plugins in process, the others as `untrusted` says. */
export function runModeOf(record: Pick<PluginRecord, "packageName" | "source">, policy: TrustPolicy): PluginRunMode {
  if (record.source === "builtin" || trustedBy(record, policy)) return "in-process";
  return policy.untrusted === "off" ? "off" : "sandbox";
}

/** The records with `runs` set under `policy` (pattern matches only: no file is read per record). */
export function withRunModes(records: readonly PluginRecord[], policy: TrustPolicy): PluginRecord[] {
  return records.map((record) => ({ ...record, runs: runModeOf(record, policy) }));
}

/**
 * Refuses a record whose plugin may not run (`runs: "off"`: an untrusted third-party plugin while the
 * CLI config says `untrusted: off`), before any of its code is imported.
 *
 * @throws PluginLoadError naming the plugin, the setting and how to trust it.
 */
export function refuseIfOff(record: PluginRecord): void {
  if (record.runs !== "off") return;
  throw new PluginLoadError(
    record,
    `untrusted plugins are off ("untrusted: off" in the CLI config; integrations doctor shows where): add "${record.packageName}" to its "trust" list to run it in process, or set "untrusted: sandbox" to run it sandboxed`,
  );
}
