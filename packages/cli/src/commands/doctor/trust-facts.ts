import type { UntrustedMode } from "../../cli-config/settings.js";
import type { TrustPolicy } from "../../discovery/trust.js";

/** The trust policy as `doctor` shows it (docs/design.md "Trust"). */
export interface TrustFacts {
  /** What an untrusted third-party plugin does: runs sandboxed, or not at all. */
  untrusted: UntrustedMode;
  /** The CLI config that sets `untrusted`, or null when it is the default (`sandbox`). */
  untrustedFrom: string | null;
  /**
   * What is trusted to run in process, and where each entry comes from: `config` (the CLI config's
   * `trust`, a package name or a whole scope, wherever the package is found) or `trust.json` (a
   * package installed or linked with `--trust`, trusted as it is in the user plugin directory only).
   */
  entries: { entry: string; from: "config" | "trust.json"; path: string | null }[];
  /** The user plugin directory's trust.json (it may not exist). */
  trustFile: string;
}

/** The facts of a run's trust policy. */
export function trustFacts(policy: TrustPolicy): TrustFacts {
  return {
    untrusted: policy.untrusted,
    untrustedFrom: policy.untrustedFrom ?? null,
    entries: [
      ...policy.entries.map((entry) => ({ entry, from: "config" as const, path: policy.configPath ?? null })),
      ...[...policy.installed].sort().map((entry) => ({ entry, from: "trust.json" as const, path: policy.trustFile })),
    ],
    trustFile: policy.trustFile,
  };
}
