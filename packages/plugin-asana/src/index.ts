import { definePlugin, tokenAuth } from "@integrations/plugin-sdk";

/**
 * Asana REST API (`https://app.asana.com/api/1.0`): the proxy signs outgoing calls with a personal
 * access token (or an OAuth access token) as `Authorization: Bearer …`.
 *
 * Defaults:
 * - `out_rate_limit: 1500` per `rate_limit_window: 1m`: Asana's standard rate limit for a paid domain,
 *   1,500 requests per minute per token (a free domain gets 150; the search API 60 per minute)
 *   (https://developers.asana.com/docs/rate-limits).
 * - `in_rate_limit: 1500`: equal to the upstream budget, so one caller may use all of it; lower it
 *   with `--in-rate-limit` to share it between callers.
 * - `idle_conn_timeout: 10s`: Asana publishes no figure; the built-ins' template value.
 */
export default definePlugin({
  name: "asana",
  description: "Asana REST API",
  flags: {
    token: { type: "secret", required: true, description: "secret reference for the personal access token, e.g. env:ASANA_TOKEN" },
  },
  build: (flags) => ({
    name: flags.name,
    destination: "https://app.asana.com/api/1.0",
    in_rate_limit: 1500,
    out_rate_limit: 1500,
    rate_limit_window: "1m",
    idle_conn_timeout: "10s",
    outgoing_auth: [tokenAuth(flags.token, { prefix: "Bearer " })],
  }),
});
