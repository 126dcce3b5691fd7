// The last import of each plugin, remembered so that `list` (which imports nothing) can say what was
// last shown, no more: `ok` when the last import succeeded and the package's files are unchanged
// since, `error` with the cause when it failed and they are unchanged, else `unchecked`. Every run
// that imports a plugin records the outcome (loadPlugin), and writes all its outcomes once, when it
// exits. A built-in whose code the running CLI carries in its bundle is part of the CLI, loaded by
// its build: `ok` unless a run saw it fail (a damaged install).
import { maskSecretsInMessage } from "@integrations/core/base";
import { bundledPlugin } from "../runtime/module-import.js";
import { hostFacts, packageFingerprint } from "./fingerprint.js";
import { outcomeDir, readOutcomes, updateOutcomes, type OutcomeRow, type OutcomeRows } from "./outcome-store.js";
import type { PluginRecord } from "./record.js";

/** How many plugins' outcomes are kept: the most recent ones. */
const MAX_ROWS = 1_000;
/** A remembered cause is cut to this many characters. */
const MAX_CAUSE = 1_000;

type Remembered = Pick<PluginRecord, "dir" | "integration" | "source" | "packageName" | "version">;

/** Whether the record is a built-in whose code is in the running CLI's bundle (not another version installed beside it). */
function inBundle(record: Remembered): boolean {
  return record.source === "builtin" && bundledPlugin(record.packageName, record.version) !== undefined;
}

/** The key of a plugin's row: the package's real directory and the integration. */
function outcomeKey(record: Pick<PluginRecord, "dir" | "integration">): string {
  return `${record.dir}\n${record.integration}`;
}

/**
 * A run's outcomes by key, written at exit: the row to remember, or none (a built-in that loaded
 * needs no row: without one it shows `ok`), and when the import ended (ms since the epoch). The run
 * owns it (`Run.outcomes`).
 */
export type ObservedOutcomes = Map<string, { row: OutcomeRow | undefined; at: number }>;

/**
 * Runs `load` (a real import of `record`'s plugin) and remembers its outcome: loaded, or failed with
 * the error's `reason` (a PluginLoadError's) or message. The package's fingerprint is taken before
 * the import, so an edit made while it runs is seen as a change. Returns or throws what `load` does.
 */
export async function rememberOutcome<T>(observed: ObservedOutcomes, record: Remembered, load: () => Promise<T>): Promise<T> {
  const bundled = inBundle(record);
  const fingerprint = bundled ? undefined : packageFingerprint(record.dir);
  try {
    const loaded = await load();
    remember(observed, record, fingerprint === undefined ? undefined : { fingerprint, ok: true });
    return loaded;
  } catch (error) {
    const cause = String((error as { reason?: unknown })?.reason ?? (error as Error)?.message ?? error);
    // A bundled built-in is fingerprinted only when it fails: the row then says the install is damaged.
    const seen = bundled ? packageFingerprint(record.dir) : fingerprint;
    remember(observed, record, seen === undefined ? undefined : { fingerprint: seen, ok: false, cause: maskSecretsInMessage(cause).slice(0, MAX_CAUSE) });
    throw error;
  }
}

/** Notes one outcome (none: forget the row, as for a package too large to fingerprint). */
function remember(observed: ObservedOutcomes, record: Remembered, outcome: Omit<OutcomeRow, "at"> | undefined): void {
  const at = Date.now();
  // The first outcome of the run arranges the one write at exit.
  if (observed.size === 0) process.once("exit", () => writeObserved(observed));
  observed.set(outcomeKey(record), { row: outcome && { ...outcome, at }, at });
}

/** Writes a run's outcomes into the newest version of the file (synchronously: it runs at exit). */
function writeObserved(observed: ObservedOutcomes): void {
  if (observed.size > 0) updateOutcomes((rows) => merged(rows, observed));
}

/**
 * `rows` with `seen` applied, or undefined when that changes nothing: a row that another run wrote
 * about a later import is kept, and a row saying what this run saw already is left as it is.
 */
function merged(rows: OutcomeRows, seen: ReadonlyMap<string, { row: OutcomeRow | undefined; at: number }>): OutcomeRows | undefined {
  const next = { ...rows };
  let changed = false;
  for (const [key, { row, at }] of seen) {
    const old = next[key];
    if (old && old.at >= at) continue;
    if (!row) {
      if (old) delete next[key];
      changed ||= old !== undefined;
    } else if (!old || old.fingerprint !== row.fingerprint || old.ok !== row.ok || old.cause !== row.cause) {
      next[key] = row;
      changed = true;
    }
  }
  if (!changed) return undefined;
  const keys = Object.keys(next);
  if (keys.length <= MAX_ROWS) return next;
  const newest = keys.sort((a, b) => next[b]!.at - next[a]!.at).slice(0, MAX_ROWS);
  return Object.fromEntries(newest.map((key) => [key, next[key]!]));
}

/**
 * The records as `list` shows them without importing: a record that discovery found nothing against
 * (status `ok`) becomes `ok` or `error` (with the remembered cause) when its last import had that
 * outcome and its package's files are unchanged since, else `unchecked`; a built-in in the CLI's
 * bundle stays `ok` unless a run saw it fail (files unchanged since). Other statuses stay. Only packages with a
 * remembered outcome are fingerprinted.
 */
export function rememberedStatuses(records: readonly PluginRecord[], dir: string | undefined = outcomeDir()): PluginRecord[] {
  const rows = readOutcomes(dir);
  const fingerprints = new Map<string, string | undefined>();
  let host: string | undefined;
  const fingerprintOf = (packageDir: string) => {
    if (!fingerprints.has(packageDir)) fingerprints.set(packageDir, packageFingerprint(packageDir, (host ??= hostFacts())));
    return fingerprints.get(packageDir);
  };
  return records.map((record) => {
    if (record.status !== "ok") return record;
    // The file is the user's: a row of another shape counts as none.
    const row = rows[outcomeKey(record)] as Partial<OutcomeRow> | null | undefined;
    const current = typeof row?.fingerprint === "string" && typeof row.ok === "boolean" && row.fingerprint === fingerprintOf(record.dir) ? row : undefined;
    if (current?.ok === false) return { ...record, status: "error", cause: typeof current.cause === "string" ? current.cause : "its last import failed" };
    if (current?.ok || inBundle(record)) return record;
    return { ...record, status: "unchecked" };
  });
}
