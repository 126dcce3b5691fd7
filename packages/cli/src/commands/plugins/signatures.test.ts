import { describe, expect, it } from "vitest";
import { signatureProblem } from "./signatures.js";
import { fromDist } from "./provenance.js";
import { describeProvenance } from "./provenance-lines.js";

const REGISTRY = "http://127.0.0.1:4873/";
const npmError = (code: string | null, summary: string) => JSON.stringify({ error: { code, summary, detail: "" } });

describe("signatureProblem: npm audit signatures --json, as npm 11 answers", () => {
  it("all verified: no problem", () => {
    expect(signatureProblem({ code: 0, stdout: JSON.stringify({ invalid: [], missing: [] }), stderr: "" }, REGISTRY)).toBeUndefined();
  });

  it("names the packages with invalid and with missing signatures, and their registry", () => {
    const stdout = JSON.stringify({
      invalid: [{ code: "EINTEGRITYSIGNATURE", name: "integrations-plugin-x", version: "1.0.0", registry: "https://registry.npmjs.org/" }],
      missing: [{ name: "left-pad", version: "1.3.0", registry: "https://registry.npmjs.org/" }],
    });
    expect(signatureProblem({ code: 1, stdout, stderr: "" }, REGISTRY)).toBe(
      "invalid signatures: integrations-plugin-x@1.0.0 (from https://registry.npmjs.org/); missing signatures: left-pad@1.3.0 (from https://registry.npmjs.org/)",
    );
  });

  it("a registry without signing keys (Verdaccio) is refused, not taken for success", () => {
    const stdout = npmError(null, "found no dependencies to audit that were installed from a supported registry");
    expect(signatureProblem({ code: 1, stdout, stderr: "" }, REGISTRY)).toBe(
      `the registry ${REGISTRY} publishes no signing keys, so npm verified none (npm: found no dependencies to audit that were installed from a supported registry)`,
    );
  });

  it("keys that could not be fetched: npm's code and reason", () => {
    const stdout = npmError("ENOTFOUND", "request to https://tuf-repo-cdn.sigstore.dev/15.root.json failed, reason: getaddrinfo ENOTFOUND tuf-repo-cdn.sigstore.dev");
    expect(signatureProblem({ code: 1, stdout, stderr: "" }, REGISTRY)).toBe(
      "npm audit signatures failed (ENOTFOUND): request to https://tuf-repo-cdn.sigstore.dev/15.root.json failed, reason: getaddrinfo ENOTFOUND tuf-repo-cdn.sigstore.dev",
    );
  });
});

describe("fromDist: a version's dist as registry.npmjs.org serves it", () => {
  it("a provenance attestation and a signature", () => {
    const dist = {
      integrity: "sha512-abc",
      signatures: [{ keyid: "SHA256:jl3bwswu80PjjokCgh0o2w5c2U4LhQAE57gj9cz1kzA", sig: "MEUCIQ…" }],
      attestations: { url: "https://registry.npmjs.org/-/npm/v1/attestations/sigstore@3.1.0", provenance: { predicateType: "https://slsa.dev/provenance/v1" } },
    };
    const found = fromDist(dist);
    expect(found).toEqual({
      provenance: { status: "published", predicateType: "https://slsa.dev/provenance/v1", url: "https://registry.npmjs.org/-/npm/v1/attestations/sigstore@3.1.0" },
      signatures: { status: "published", keyids: ["SHA256:jl3bwswu80PjjokCgh0o2w5c2U4LhQAE57gj9cz1kzA"] },
    });
    expect(describeProvenance({ integrity: "sha512-abc", ...found })).toEqual([
      ["integrity", "sha512-abc"],
      ["provenance", "https://slsa.dev/provenance/v1 (https://registry.npmjs.org/-/npm/v1/attestations/sigstore@3.1.0)"],
      ["signatures", "key SHA256:jl3bwswu80PjjokCgh0o2w5c2U4LhQAE57gj9cz1kzA"],
    ]);
  });

  it("none published, and a registry that could not be asked", () => {
    expect(describeProvenance({ integrity: null, ...fromDist({}) }).map(([, v]) => v)).toEqual(["none pinned (not installed from a registry or a tarball)", "none published", "none published"]);
    expect(
      describeProvenance({ integrity: null, ...fromDist(undefined) })
        .map(([, v]) => v)
        .slice(1),
    ).toEqual(["unknown (registry not reachable)", "unknown (registry not reachable)"]);
  });
});
