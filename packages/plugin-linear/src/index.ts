import { definePlugin, tokenAuth } from "@integrations/plugin-sdk";

/**
 * Linear GraphQL API (`https://api.linear.app`): the proxy signs outgoing calls with an OAuth access
 * token as `Authorization: Bearer …`.
 *
 * Defaults:
 * - `out_rate_limit: 2500` per `rate_limit_window: 1h`: Linear's request limit for requests
 *   authenticated with an API key or OAuth, 2,500 per hour per user (unauthenticated requests get 60
 *   per hour; a separate complexity budget also applies)
 *   (https://developers.linear.app/docs/graphql/working-with-the-graphql-api/rate-limiting).
 * - `in_rate_limit: 2500`: equal to the upstream budget, so one caller may use all of it; lower it
 *   with `--in-rate-limit` to share it between callers.
 * - `idle_conn_timeout: 10s`: Linear publishes no figure; the built-ins' template value.
 */
export default definePlugin({
  name: "linear",
  description: "Linear GraphQL API",
  flags: {
    token: { type: "secret", required: true, description: "secret reference for the OAuth access token, e.g. env:LINEAR_TOKEN" },
  },
  build: (flags) => ({
    name: flags.name,
    destination: "https://api.linear.app",
    in_rate_limit: 2500,
    out_rate_limit: 2500,
    rate_limit_window: "1h",
    idle_conn_timeout: "10s",
    outgoing_auth: [tokenAuth(flags.token, { prefix: "Bearer " })],
  }),
});
