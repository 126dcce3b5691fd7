import { definePlugin, normalizeDomain, tokenAuth, type AuthEntry } from "@integrations/plugin-sdk";

/** The Ledger API's hosts by region (Acme Ledger API handbook, "Endpoints"). */
export const REGION_HOSTS = {
  us: "ledger.us.acme.internal",
  eu: "ledger.eu.acme.internal",
} as const;

/**
 * Acme Ledger API (`https://ledger.<region>.acme.internal/api/v2`): the proxy sends the service key
 * in `X-Ledger-Key` and, with `--signing-key`, signs each request body with HMAC-SHA256 in
 * `X-Ledger-Signature`, which the ledger's write endpoints require.
 *
 * Defaults, from the Acme Ledger API handbook (https://handbook.acme.example/ledger/api):
 * - `out_rate_limit: 600` per `rate_limit_window: 1m`, `rate_limit_strategy: token_bucket`: "600
 *   requests per minute per service key, refilled continuously" ("Rate limits").
 * - `in_rate_limit: 100`: each caller of the proxy gets a sixth of the key's budget, so one batch
 *   job cannot starve the others (our choice; raise it with `--in-rate-limit`).
 * - `response_header_timeout: 30s`: "journal posts can take up to 25 s during month-end close"
 *   ("Timeouts").
 */
export default definePlugin({
  name: "ledger",
  description: "Acme Ledger API",
  flags: {
    token: { type: "secret", required: true, description: "secret reference for the service key (sent as X-Ledger-Key), e.g. env:LEDGER_TOKEN" },
    region: { type: "enum", values: ["us", "eu"], default: "us", description: "the ledger region the calls go to" },
    domain: { type: "domain", description: "another Ledger API host (staging, a local ledger) instead of the region's" },
    signingKey: { type: "secret", description: "secret reference for the HMAC key that signs request bodies (X-Ledger-Signature), needed for writes, e.g. env:LEDGER_SIGNING_KEY" },
  },
  build: (flags) => {
    const outgoing: AuthEntry[] = [tokenAuth(flags.token, { header: "X-Ledger-Key" })];
    if (flags.signingKey) {
      outgoing.push({ type: "hmac_signature", params: { secrets: [flags.signingKey], header: "X-Ledger-Signature", algo: "sha256" } });
    }
    return {
      name: flags.name,
      destination: normalizeDomain(flags.domain ?? REGION_HOSTS[flags.region], "/api/v2"),
      in_rate_limit: 100,
      out_rate_limit: 600,
      rate_limit_window: "1m",
      rate_limit_strategy: "token_bucket",
      response_header_timeout: "30s",
      outgoing_auth: outgoing,
    };
  },
});
