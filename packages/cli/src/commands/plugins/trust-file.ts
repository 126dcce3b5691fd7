import { rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { runModeOf, trustedBy, type TrustPolicy } from "../../discovery/trust.js";
import type { PluginRecord, PluginRunMode } from "../../discovery/record.js";
import { TRUST_FILE, trustedPlugins } from "../../discovery/user-dir.js";

/** Adds packages to the user plugin directory's trust.json (`plugins install --trust`, `plugins link --trust`): they run in process from now on. */
export async function recordTrusted(dir: string, packageNames: readonly string[]): Promise<void> {
  await writeTrusted(dir, [...trustedPlugins(dir), ...packageNames]);
}

/** Removes a package from trust.json (`plugins uninstall`): installed again without `--trust`, it runs sandboxed. */
export async function forgetTrusted(dir: string, packageName: string): Promise<void> {
  const trusted = trustedPlugins(dir);
  if (trusted.includes(packageName))
    await writeTrusted(
      dir,
      trusted.filter((name) => name !== packageName),
    );
}

/** Writes the names (sorted, once each), or removes the file when there are none. */
async function writeTrusted(dir: string, names: readonly string[]): Promise<void> {
  const trusted = [...new Set(names)].sort();
  if (trusted.length === 0) await rm(join(dir, TRUST_FILE), { force: true });
  else await writeFile(join(dir, TRUST_FILE), `${JSON.stringify({ trusted }, null, 2)}\n`);
}

/** `policy` with `packageNames` trusted as trust.json will trust them once an install or link with `--trust` succeeds. */
export function trusting(policy: TrustPolicy, packageNames: readonly string[]): TrustPolicy {
  return { ...policy, installed: new Set([...policy.installed, ...packageNames]) };
}

/**
 * A record of the user plugin directory as an install, update or link checks it: with the run mode
 * it will have, except that a plugin that will not run (`untrusted: off`) is checked in the sandbox
 * (installing it is the user's choice; running it is refused later).
 */
export function asChecked(record: PluginRecord, policy: TrustPolicy): PluginRecord {
  const runs = runModeOf(record, policy);
  return { ...record, runs: runs === "off" ? "sandbox" : runs };
}

/** How an installed or linked plugin will run, in words and for `--json`: the mode, and how to trust it when it is not trusted. */
export function runsNote(record: PluginRecord, policy: TrustPolicy): { runs: PluginRunMode; howToTrust: string | null; text: string } {
  const runs = runModeOf(record, policy);
  const by = trustedBy(record, policy);
  if (by) return { runs, howToTrust: null, text: by.kind === "trust.json" ? "trusted: runs in process" : `runs in process: trusted by "${by.entry}" in ${by.path ?? "the CLI config"}` };
  const howToTrust = `to run it in process, install it with --trust or add "${record.packageName}" to "trust" in the CLI config`;
  const short = `to run it in process, install it with --trust or add it to "trust" in the CLI config`;
  const text = runs === "off" ? `does not run: untrusted plugins are off (untrusted: off in ${policy.untrustedFrom ?? "the CLI config"}); ${short}` : `runs sandboxed; ${short}`;
  return { runs, howToTrust, text };
}
