import { definePlugin, tokenAuth } from "@integrations/plugin-sdk";

/**
 * Stripe API (`https://api.stripe.com`): the proxy signs outgoing calls with a secret or restricted
 * API key as `Authorization: Bearer …`.
 *
 * Defaults:
 * - `out_rate_limit: 100` per `rate_limit_window: 1s`: Stripe's global rate limit in live mode,
 *   100 requests per second per account (25 in a sandbox; some endpoints, such as the Files and
 *   Search APIs, have stricter limits of their own) (https://docs.stripe.com/rate-limits).
 * - `in_rate_limit: 100`: equal to the upstream budget, so one caller may use all of it; lower it
 *   with `--in-rate-limit` to share it between callers.
 * - `idle_conn_timeout: 10s`: Stripe publishes no figure; the built-ins' template value.
 */
export default definePlugin({
  name: "stripe",
  description: "Stripe API",
  flags: {
    token: { type: "secret", required: true, description: "secret reference for the secret or restricted API key (sk_live_…, rk_live_…), e.g. env:STRIPE_TOKEN" },
  },
  build: (flags) => ({
    name: flags.name,
    destination: "https://api.stripe.com",
    in_rate_limit: 100,
    out_rate_limit: 100,
    rate_limit_window: "1s",
    idle_conn_timeout: "10s",
    outgoing_auth: [tokenAuth(flags.token, { prefix: "Bearer " })],
  }),
});
