import { definePlugin, normalizeDomain, tokenAuth } from "@integrations/plugin-sdk";

/**
 * Workday REST API (`https://<domain>/api`): the proxy signs outgoing calls with an OAuth 2.0 access
 * token as `Authorization: Bearer …`.
 *
 * Defaults:
 * - `out_rate_limit: 1000` per `rate_limit_window: 1m`: Workday publishes no figure; the built-ins'
 *   template value.
 * - `in_rate_limit: 100`: Workday publishes no figure; the built-ins' template value.
 * - `idle_conn_timeout: 10s`: Workday publishes no figure; the built-ins' template value.
 */
export default definePlugin({
  name: "workday",
  description: "Workday REST API",
  flags: {
    domain: { type: "domain", required: true, description: "host name of the tenant's Workday REST API service, e.g. wd2-impl-services1.workday.com" },
    token: { type: "secret", required: true, description: "secret reference for an OAuth 2.0 access token, e.g. env:WORKDAY_TOKEN" },
  },
  build: (flags) => ({
    name: flags.name,
    destination: normalizeDomain(flags.domain, "/api"),
    in_rate_limit: 100,
    out_rate_limit: 1000,
    rate_limit_window: "1m",
    idle_conn_timeout: "10s",
    outgoing_auth: [tokenAuth(flags.token, { prefix: "Bearer " })],
  }),
});
