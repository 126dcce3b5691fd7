import { buildBlock, checkPluginShape, newConfigText, parseConfig, parseIntegrationArgv, validateConfig, type IntegrationPlugin } from "@integrations/core";
import { defaultLoadersSync } from "cosmiconfig";
import satisfies from "semver/functions/satisfies.js";
import { builtinPlugins } from "./discovery/sources.js";

/** A plugin shaped like the built-ins (two secret flags, both auth lists, limits and timeouts). */
const SAMPLE: IntegrationPlugin = {
  apiVersion: 1,
  name: "warm-up",
  description: "the snapshot's warm-up sample",
  flags: {
    token: { type: "secret", required: true, description: "token reference" },
    signingSecret: { type: "secret", required: true, description: "signing secret reference" },
  },
  build: (flags) => ({
    name: flags.name,
    destination: "https://api.example.com",
    in_rate_limit: 50,
    out_rate_limit: 50,
    rate_limit_window: "1m",
    idle_conn_timeout: "10s",
    incoming_auth: [{ type: "slack_signature", params: { secrets: [flags.signingSecret] } }],
    outgoing_auth: [{ type: "token", params: { header: "Authorization", prefix: "Bearer ", secrets: [flags.token] } }],
  }),
};

/**
 * Runs the pure core of an add once while the start-up snapshot is built (plugin shape checked, flags parsed, block built
 * and validated, rendered, parsed back and validated as a file, a semver range checked, cosmiconfig's
 * JSON loader used), so that V8
 * has compiled those functions and a run does not compile them again; and describes the built-in
 * plugins (`builtinPlugins`, memoised), so that a run reads none of their files. The only files it
 * reads are the CLI's, the SDK's and the built-ins' package.json, which scripts/build-snapshot.mjs
 * adds to the inputs the launcher watches. Touches no environment and no terminal, and leaves no
 * state behind but compiled code, the schemas' own memoised objects and those descriptions. Never
 * throws: a failure only costs the warm-up.
 */
export function warmUp(): void {
  builtinPlugins().catch(() => undefined);
  try {
    checkPluginShape(SAMPLE);
    const values = parseIntegrationArgv(["-token", "env:WARM_TOKEN", "--signing-secret=env:WARM_SIGNING"], SAMPLE.flags, { integration: SAMPLE.name });
    const text = newConfigText(buildBlock(SAMPLE, values));
    validateConfig(parseConfig(text, "warm-up.yaml").data);
    satisfies("1.0.0", "^1.0.0", { includePrerelease: true });
    // cosmiconfig loads its JSON parser (parse-json and its dependencies) on first use: every run
    // in a project reads a package.json through it.
    defaultLoadersSync[".json"]("warm-up.json", "{}");
  } catch {
    // Only speed is lost.
  }
}
