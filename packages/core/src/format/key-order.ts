/** docs/config-format.md "Keys of an integration block": the order of keys in a block this project writes. */
export const KEY_ORDER = [
  "name",
  "destination",
  "in_rate_limit",
  "out_rate_limit",
  "rate_limit_window",
  "rate_limit_strategy",
  "idle_conn_timeout",
  "tls_handshake_timeout",
  "response_header_timeout",
  "tls_insecure_skip_verify",
  "disable_keep_alives",
  "max_idle_conns",
  "max_idle_conns_per_host",
  "incoming_auth",
  "outgoing_auth",
] as const;
