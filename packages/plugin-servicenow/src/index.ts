import { definePlugin, normalizeDomain, tokenAuth } from "@integrations/plugin-sdk";

/**
 * ServiceNow REST API (`https://api.servicenow.com`, or `https://<domain>` for an instance such as
 * `acme.service-now.com`): the proxy signs outgoing calls with an OAuth access token as
 * `Authorization: Bearer …`.
 *
 * Defaults:
 * - `out_rate_limit: 1000` per `rate_limit_window: 1m`: ServiceNow publishes no figure: inbound REST
 *   API rate limits are per-hour rules that each instance's administrator creates for a user, a role
 *   or all users
 *   (https://www.servicenow.com/docs/r/australia/api-reference/rest-api-explorer/inbound-REST-API-rate-limiting.html);
 *   the built-ins' template value.
 * - `in_rate_limit: 100`: ServiceNow publishes no figure; the built-ins' template value.
 * - `idle_conn_timeout: 10s`: ServiceNow publishes no figure; the built-ins' template value.
 */
export default definePlugin({
  name: "servicenow",
  description: "ServiceNow REST API",
  flags: {
    token: { type: "secret", required: true, description: "secret reference for an OAuth access token, e.g. env:SERVICENOW_TOKEN" },
    domain: { type: "domain", description: "host name of the ServiceNow instance, e.g. acme.service-now.com (default: api.servicenow.com)" },
  },
  build: (flags) => ({
    name: flags.name,
    destination: flags.domain === undefined ? "https://api.servicenow.com" : normalizeDomain(flags.domain),
    in_rate_limit: 100,
    out_rate_limit: 1000,
    rate_limit_window: "1m",
    idle_conn_timeout: "10s",
    outgoing_auth: [tokenAuth(flags.token, { prefix: "Bearer " })],
  }),
});
