import { definePlugin } from "@integrations/plugin-sdk";

/**
 * Google Drive API v3 (`https://www.googleapis.com/drive/v3`): the proxy signs outgoing calls with an
 * OAuth access token for its own Google Cloud service account, fetched from the GCP metadata server
 * (`gcp_token`), so the integration takes no secret.
 *
 * Defaults:
 * - `out_rate_limit: 1000` per `rate_limit_window: 1m`: Google publishes no single request figure
 *   that applies to every project. Projects that used the Drive API between November 2025 and
 *   April 2026 keep the older quota of 12,000 queries per 60 seconds per user; projects created since
 *   1 May 2026 are metered in quota units (325,000 per minute per user per project) whose cost per
 *   request varies by method (https://developers.google.com/workspace/drive/api/guides/limits).
 *   The built-ins' template value.
 * - `in_rate_limit: 100`: Google publishes no figure; the built-ins' template value.
 * - `idle_conn_timeout: 10s`: Google publishes no figure; the built-ins' template value.
 */
export default definePlugin({
  name: "gdrive",
  description: "Google Drive API v3",
  flags: {},
  build: (flags) => ({
    name: flags.name,
    destination: "https://www.googleapis.com/drive/v3",
    in_rate_limit: 100,
    out_rate_limit: 1000,
    rate_limit_window: "1m",
    idle_conn_timeout: "10s",
    outgoing_auth: [{ type: "gcp_token", params: {} }],
  }),
});
