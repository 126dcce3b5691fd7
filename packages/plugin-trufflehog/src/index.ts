import { definePlugin, tokenAuth } from "@integrations/plugin-sdk";

/**
 * TruffleHog API (`https://trufflehog.cloud/api`): the proxy signs outgoing calls with the API token
 * as `Authorization: Bearer …`.
 *
 * Defaults:
 * - `out_rate_limit: 1000` per `rate_limit_window: 1m`: TruffleHog publishes no figure (its API
 *   documentation lives inside each customer's instance and states no rate limit); the built-ins'
 *   template value.
 * - `in_rate_limit: 100`: TruffleHog publishes no figure; the built-ins' template value.
 * - `idle_conn_timeout: 10s`: TruffleHog publishes no figure; the built-ins' template value.
 */
export default definePlugin({
  name: "trufflehog",
  description: "TruffleHog API",
  flags: {
    token: { type: "secret", required: true, description: "secret reference for the API token, e.g. env:TRUFFLEHOG_TOKEN" },
  },
  build: (flags) => ({
    name: flags.name,
    destination: "https://trufflehog.cloud/api",
    in_rate_limit: 100,
    out_rate_limit: 1000,
    rate_limit_window: "1m",
    idle_conn_timeout: "10s",
    outgoing_auth: [tokenAuth(flags.token, { prefix: "Bearer " })],
  }),
});
