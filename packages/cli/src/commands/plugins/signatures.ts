// `--verify-signatures` (and the CLI config's `verifySignatures`): after npm installed, the user's
// own npm checks the registry signatures of everything in the user plugin directory
// (`npm audit signatures`). Anything short of "all verified" refuses the install.
import { PluginError } from "@integrations/core/base";
import { npmFailure } from "./npm-errors.js";
import { runNpm, type NpmContext } from "./npm.js";
import type { NpmResult } from "./npm-result.js";

/** One package `npm audit signatures --json` lists as `invalid` or `missing`. */
interface Flagged {
  name?: string;
  version?: string;
  registry?: string;
  code?: string;
}

/** The fix, said at the end of every refusal. */
const ADVICE = "install from a registry that signs its packages (registry.npmjs.org does), or drop --verify-signatures (and verifySignatures from the CLI config)";

/**
 * Runs `npm audit signatures --json` in the user plugin directory with the registry arguments of
 * the install (`registry`: its `--registry`, if any; the scope mappings come with `context`).
 *
 * @param packages what was installed, named in the refusal when npm cannot say which packages failed.
 * @param registryUrl the registry they came from, for the message.
 * @throws PluginError (one line starting "npm could not verify") naming the packages whose
 *   signatures are invalid or missing and their registry, or why npm could verify none (a registry
 *   that publishes no signing keys, such as Verdaccio; keys that could not be fetched).
 */
export async function verifySignatures(context: NpmContext, registry: string | undefined, packages: readonly string[], registryUrl: string): Promise<void> {
  const problem = signatureProblem(await runNpm(["audit", "signatures"], context, [], registry), registryUrl);
  if (problem !== undefined) throw new PluginError(`npm could not verify the registry signatures of ${packages.join(", ")}: ${problem}; ${ADVICE}`);
}

/** What is wrong in npm's answer, in a clause; undefined when every package has a verified signature. */
export function signatureProblem(result: NpmResult, registryUrl: string): string | undefined {
  let json: { invalid?: Flagged[]; missing?: Flagged[]; error?: unknown } | undefined;
  try {
    json = JSON.parse(result.stdout) as typeof json;
  } catch {
    json = undefined;
  }
  if (json && Array.isArray(json.invalid) && Array.isArray(json.missing)) {
    const named = (list: Flagged[]) => list.map((p) => `${p.name ?? "?"}@${p.version ?? "?"}${p.registry ? ` (from ${p.registry})` : ""}`).join(", ");
    const parts = [...(json.invalid.length > 0 ? [`invalid signatures: ${named(json.invalid)}`] : []), ...(json.missing.length > 0 ? [`missing signatures: ${named(json.missing)}`] : [])];
    if (parts.length > 0) return parts.join("; ");
    if (result.code === 0) return undefined;
  }
  const failure = npmFailure(result);
  if (/found no (installed )?dependencies to audit/.test(failure.summary)) {
    return `the registry ${registryUrl} publishes no signing keys, so npm verified none (npm: ${failure.summary})`;
  }
  return `npm audit signatures failed${failure.code ? ` (${failure.code})` : ""}: ${failure.summary}`;
}
