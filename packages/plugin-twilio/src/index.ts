import { basicAuth, definePlugin } from "@integrations/plugin-sdk";

/**
 * Twilio REST API (`https://api.twilio.com`): the proxy signs outgoing calls with HTTP basic auth,
 * the account SID as user name and the auth token as password (`basic`).
 *
 * Defaults:
 * - `out_rate_limit: 1000` per `rate_limit_window: 1m`: Twilio publishes no request rate for its
 *   REST API; it limits the number of concurrent requests per account instead, with no figure
 *   (https://www.twilio.com/docs/api/errors/20429), and a concurrency cap is not a count per window.
 *   The built-ins' template value.
 * - `in_rate_limit: 100`: Twilio publishes no figure; the built-ins' template value.
 * - `idle_conn_timeout: 10s`: Twilio publishes no figure; the built-ins' template value.
 */
export default definePlugin({
  name: "twilio",
  description: "Twilio REST API",
  flags: {
    token: { type: "secret", required: true, description: "secret reference that resolves to ACCOUNT_SID:AUTH_TOKEN, e.g. env:TWILIO_TOKEN" },
  },
  build: (flags) => ({
    name: flags.name,
    destination: "https://api.twilio.com",
    in_rate_limit: 100,
    out_rate_limit: 1000,
    rate_limit_window: "1m",
    idle_conn_timeout: "10s",
    outgoing_auth: [basicAuth(flags.token)],
  }),
});
