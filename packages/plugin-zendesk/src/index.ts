import { definePlugin, normalizeDomain, tokenAuth } from "@integrations/plugin-sdk";

/**
 * Zendesk Support API (`https://api.zendesk.com`, or `https://<domain>` for an account such as
 * `acme.zendesk.com`): the proxy signs outgoing calls with an OAuth access token as
 * `Authorization: Bearer …`.
 *
 * Defaults:
 * - `out_rate_limit: 400` per `rate_limit_window: 1m`: Zendesk limits Support and Help Center API
 *   requests per minute by plan; 400 is the Suite Growth and Suite Professional figure (Team 200,
 *   Enterprise 700, Enterprise Plus 2,500, the High Volume API add-on 2,500)
 *   (https://developer.zendesk.com/api-reference/introduction/rate-limits).
 * - `in_rate_limit: 400`: equal to the upstream budget, so one caller may use all of it; lower it
 *   with `--in-rate-limit` to share it between callers.
 * - `idle_conn_timeout: 10s`: Zendesk publishes no figure; the built-ins' template value.
 */
export default definePlugin({
  name: "zendesk",
  description: "Zendesk Support API",
  flags: {
    token: { type: "secret", required: true, description: "secret reference for an OAuth access token, e.g. env:ZENDESK_TOKEN" },
    domain: { type: "domain", description: "host name of the Zendesk account, e.g. acme.zendesk.com (default: api.zendesk.com)" },
  },
  build: (flags) => ({
    name: flags.name,
    destination: flags.domain === undefined ? "https://api.zendesk.com" : normalizeDomain(flags.domain),
    in_rate_limit: 400,
    out_rate_limit: 400,
    rate_limit_window: "1m",
    idle_conn_timeout: "10s",
    outgoing_auth: [tokenAuth(flags.token, { prefix: "Bearer " })],
  }),
});
