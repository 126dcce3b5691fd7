import { definePlugin, tokenAuth } from "@integrations/plugin-sdk";

/**
 * monday.com platform API (`https://api.monday.com/v2`, GraphQL): the proxy signs outgoing calls with
 * the API token in `Authorization`, without a prefix.
 *
 * Defaults:
 * - `out_rate_limit: 1000` per `rate_limit_window: 24h`: monday.com's daily call limit for an account
 *   on the Basic or Standard plan, 1,000 calls a day (Free/Trial 200; Pro 10,000 and Enterprise
 *   25,000, both soft limits); its per-minute limits count complexity points, not requests
 *   (https://support.monday.com/hc/en-us/articles/26471164460690-API-Rate-Limits).
 * - `in_rate_limit: 1000`: equal to the upstream budget, so one caller may use all of it; lower it
 *   with `--in-rate-limit` to share it between callers.
 * - `idle_conn_timeout: 10s`: monday.com publishes no figure; the built-ins' template value.
 */
export default definePlugin({
  name: "monday",
  description: "monday.com platform API (GraphQL)",
  flags: {
    token: { type: "secret", required: true, description: "secret reference for the API token, e.g. env:MONDAY_TOKEN" },
  },
  build: (flags) => ({
    name: flags.name,
    destination: "https://api.monday.com/v2",
    in_rate_limit: 1000,
    out_rate_limit: 1000,
    rate_limit_window: "24h",
    idle_conn_timeout: "10s",
    outgoing_auth: [tokenAuth(flags.token)],
  }),
});
