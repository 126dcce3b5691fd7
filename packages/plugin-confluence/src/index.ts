import { definePlugin, normalizeDomain, tokenAuth } from "@integrations/plugin-sdk";

/**
 * Confluence Cloud REST API (`https://api.atlassian.com`, or your site's host with `--domain`): the
 * proxy signs outgoing calls with a bearer token (an OAuth 2.0 access token) as
 * `Authorization: Bearer …`.
 *
 * Defaults:
 * - `out_rate_limit: 1000` per `rate_limit_window: 1m`: Confluence publishes no single request budget
 *   that applies here: token traffic is held to burst limits and apps to an hourly quota counted in
 *   points, not requests (https://developer.atlassian.com/cloud/confluence/rate-limiting/); the
 *   built-ins' template value.
 * - `in_rate_limit: 100`: the built-ins' template value.
 * - `idle_conn_timeout: 10s`: Confluence publishes no figure; the built-ins' template value.
 */
export default definePlugin({
  name: "confluence",
  description: "Confluence Cloud REST API",
  flags: {
    token: { type: "secret", required: true, description: "secret reference for the bearer token (OAuth 2.0 access token), e.g. env:CONFLUENCE_TOKEN" },
    domain: { type: "domain", description: "your site's host, e.g. acme.atlassian.net; replaces https://api.atlassian.com" },
  },
  build: (flags) => ({
    name: flags.name,
    destination: flags.domain === undefined ? "https://api.atlassian.com" : normalizeDomain(flags.domain),
    in_rate_limit: 100,
    out_rate_limit: 1000,
    rate_limit_window: "1m",
    idle_conn_timeout: "10s",
    outgoing_auth: [tokenAuth(flags.token, { prefix: "Bearer " })],
  }),
});
