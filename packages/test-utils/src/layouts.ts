import type { Integration } from "@integrations/core";

/**
 * Config texts in the layouts people and tools write, for the tests of what an edit keeps. Each is
 * valid under the proxy's schema.
 */

/** A slack block as a person writes it: flow lists, single quotes, comments, a hand-added param. */
export const SLACK_AS_WRITTEN = [
  "integrations:",
  "  - name: slack",
  "    destination: https://slack.com/api # the Web API",
  "    in_rate_limit: 50 # shared by all callers",
  "    out_rate_limit: 50",
  "    rate_limit_window: '1m'",
  "    idle_conn_timeout: 10s",
  "    incoming_auth:",
  "      - type: slack_signature",
  "        params:",
  "          # from the app's Basic Information page",
  "          secrets: [env:SLACK_SIGNING_SECRET]",
  "          tolerance: 600",
  "    outgoing_auth:",
  "      - type: token",
  "        params:",
  '          secrets: ["env:SLACK_TOKEN"] # bot token',
  "          header: Authorization",
  "          prefix: 'Bearer '",
  "",
].join("\n");

/**
 * conf-config.yaml's first block, shortened, as the Go tool (yaml.v3, indent 4) writes it: a
 * collection under a key starts at the next multiple of 4 (`- type:` at 8, `params:` at 10,
 * `secrets:` at 12, its `-` at 16).
 */
export const GO_WRITTEN = [
  "integrations:",
  "    - name: example",
  "      destination: http://backend.example.com",
  "      in_rate_limit: 100",
  "      incoming_auth:",
  "        - type: token",
  "          params:",
  "            header: X-Auth",
  "            secrets:",
  "                - env:IN_TOKEN",
  "",
].join("\n");

/** The README's slack block (SLACK_FLAGS) in the Go tool's layout, each line ending in `\n`. */
export const SLACK_GO = [
  "    - name: slack",
  "      destination: https://slack.com/api",
  "      in_rate_limit: 50",
  "      out_rate_limit: 50",
  "      rate_limit_window: 1m",
  "      idle_conn_timeout: 10s",
  "      incoming_auth:",
  "        - type: slack_signature",
  "          params:",
  "            secrets:",
  "                - env:SLACK_SIGNING_SECRET",
  "      outgoing_auth:",
  "        - type: token",
  "          params:",
  "            header: Authorization",
  '            prefix: "Bearer "',
  "            secrets:",
  "                - env:SLACK_TOKEN",
  "",
].join("\n");

/** The block the slack plugin generates for `-token <token> -signing-secret env:SLACK_SIGNING_SECRET` (SLACK_FLAGS by default). */
export function slackGenerated(token = "env:SLACK_TOKEN"): Integration {
  return {
    name: "slack",
    destination: "https://slack.com/api",
    in_rate_limit: 50,
    out_rate_limit: 50,
    rate_limit_window: "1m",
    idle_conn_timeout: "10s",
    incoming_auth: [{ type: "slack_signature", params: { secrets: ["env:SLACK_SIGNING_SECRET"] } }],
    outgoing_auth: [{ type: "token", params: { header: "Authorization", prefix: "Bearer ", secrets: [token] } }],
  };
}
