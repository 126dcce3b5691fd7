// How `plugins inspect` shows a plugin's provenance (provenance.ts finds it): apart, so that the
// command's module does not load npm's runner to print it.

/** The origin of an installed version; `null` integrity when package-lock.json pins none (a directory or git install). */
export interface Provenance {
  integrity: string | null;
  /** The registry's provenance attestation: `published` with its predicate type and URL, `none` published, or `unknown` (the registry could not be asked). */
  provenance: { status: "published"; predicateType: string | null; url: string | null } | { status: "none" | "unknown"; reason?: string };
  /** The registry's signatures of the version: the key ids, or none, or unknown. */
  signatures: { status: "published"; keyids: string[] } | { status: "none" | "unknown"; reason?: string };
}

/** The lines `plugins inspect` prints for it. */
export function describeProvenance(p: Provenance): [string, string][] {
  const state = (s: { status: string; reason?: string }) => (s.status === "none" ? `none ${s.reason ? `(${s.reason})` : "published"}` : `unknown (${s.reason ?? "registry not reachable"})`);
  return [
    ["integrity", p.integrity ?? "none pinned (not installed from a registry or a tarball)"],
    ["provenance", p.provenance.status === "published" ? `${p.provenance.predicateType ?? "attestation"}${p.provenance.url ? ` (${p.provenance.url})` : ""}` : state(p.provenance)],
    ["signatures", p.signatures.status === "published" ? `key ${p.signatures.keyids.join(", ")}` : state(p.signatures)],
  ];
}
