/** `signingSecret` → `signing-secret` (the flag as typed, without dashes). */
export function toKebabCase(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** `signing-secret` → `signingSecret`. */
export function toCamelCase(flag: string): string {
  return flag.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** `inRateLimit` → `in_rate_limit` (a config.yaml key). */
export function toSnakeCase(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** `signingSecret` → `--signing-secret`, for messages. */
export function flagLabel(key: string): string {
  return `--${toKebabCase(key)}`;
}

/** The reference suggested instead of a raw secret: (`slack`, `signingSecret`) → `env:SLACK_SIGNING_SECRET`. */
export function suggestedReference(integration: string, key: string): string {
  const variable = `${integration}_${toSnakeCase(key)}`.toUpperCase().replace(/[^A-Z0-9_]/g, "_");
  return `env:${variable}`;
}
