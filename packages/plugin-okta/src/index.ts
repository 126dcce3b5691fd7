import { definePlugin, normalizeDomain, tokenAuth } from "@integrations/plugin-sdk";

/**
 * Okta Management API (`https://<domain>/api/v1`): the proxy signs outgoing calls with an API token
 * as `Authorization: SSWS …`.
 *
 * Defaults:
 * - `out_rate_limit: 1000` per `rate_limit_window: 1m`: Okta publishes no single figure for the
 *   Management API, only per-minute limits for each endpoint that also differ by org type
 *   (https://developer.okta.com/docs/reference/rl-global-mgmt/); the built-ins' template value.
 * - `in_rate_limit: 100`: Okta publishes no figure; the built-ins' template value.
 * - `idle_conn_timeout: 10s`: Okta publishes no figure; the built-ins' template value.
 */
export default definePlugin({
  name: "okta",
  description: "Okta Management API",
  flags: {
    domain: { type: "domain", required: true, description: "host name of the Okta org, e.g. acme.okta.com" },
    token: { type: "secret", required: true, description: "secret reference for the API token, e.g. env:OKTA_TOKEN" },
  },
  build: (flags) => ({
    name: flags.name,
    destination: normalizeDomain(flags.domain, "/api/v1"),
    in_rate_limit: 100,
    out_rate_limit: 1000,
    rate_limit_window: "1m",
    idle_conn_timeout: "10s",
    outgoing_auth: [tokenAuth(flags.token, { prefix: "SSWS " })],
  }),
});
