/**
 * The `destination` rule of docs/config-format.md "Destination": a URL with a scheme and a host as Go's `url.Parse`
 * reads it, `*` only in the host, and — our addition — no credentials in the URL: no user info, no
 * path segment that is a credential (`/services/xoxb-…`), no query or fragment parameter named like
 * one (`?api_key=`, `#access_token=`) or holding one (see credentials.ts).
 */
import { containsCredential, isCredentialParamName } from "./credentials.js";
import { maskUrl } from "./mask.js";

/** Characters Go's url.Parse accepts in a host besides letters, digits and `-._~`. */
const HOST_PUNCTUATION = "!$&'()*+,;=:[]<>\"%";

const EXAMPLE = "https://api.example.com";

/** The fix for a destination in a scheme other than http(s): the proxy only forwards HTTP requests. */
const NOT_HTTP = `a destination is the http(s) URL of the API the proxy forwards requests to; write e.g. ${EXAMPLE}`;

const isHttpScheme = (scheme: string) => /^https?$/i.test(scheme);

/** Go's getScheme: letters first, then letters, digits, `+-.`, up to the first `:`. */
function splitScheme(value: string): [scheme: string, rest: string] {
  const match = /^([A-Za-z][A-Za-z0-9+.-]*):(.*)$/s.exec(value);
  return match ? [match[1]!, match[2]!] : ["", value];
}

/**
 * Check a `destination` value.
 *
 * @returns `undefined` when valid, else a short problem text (no path prefix) saying what is wrong
 * and how to fix it. User info and credential query values are never echoed.
 * @example checkDestination("example.com") // '"example.com" has no scheme; write it as https://example.com'
 */
export function checkDestination(value: string): string | undefined {
  const shown = JSON.stringify(maskUrl(value));
  if (value.trim() === "") return `is empty; write an absolute URL such as ${EXAMPLE}`;
  if (/[\u0000-\u001f\u007f]/.test(value)) return `${shown} contains a control character; remove it`;
  if (value !== value.trim()) return `${shown} has leading or trailing spaces; remove them`;

  const [scheme, afterScheme] = splitScheme(value.replace(/#.*$/s, ""));
  if (scheme === "" || /^\d+(\/|$)/.test(afterScheme)) {
    const bare = value.replace(/^:?\/\//, "");
    return `${shown} has no scheme; write it as https://${maskUrl(bare)}`;
  }
  const [beforeQuery = "", query = ""] = afterScheme.split(/\?(.*)/s);
  const web = isHttpScheme(scheme);
  if (!beforeQuery.startsWith("//")) {
    return web ? `${shown} has no host; write it as ${scheme}://host[/path], e.g. ${EXAMPLE}` : `${shown} has no host: ${NOT_HTTP}`;
  }
  const slash = beforeQuery.indexOf("/", 2);
  let authority = slash < 0 ? beforeQuery.slice(2) : beforeQuery.slice(2, slash);
  const path = slash < 0 ? "" : beforeQuery.slice(slash);

  const at = authority.lastIndexOf("@");
  if (at >= 0) {
    return `${shown} carries user info; credentials do not belong in a destination: remove them and use outgoing_auth`;
  }
  let port = "";
  if (authority.startsWith("[")) {
    const close = authority.lastIndexOf("]");
    if (close < 0) return `${shown} has an IPv6 host without its closing "]"`;
    port = authority.slice(close + 1);
    authority = authority.slice(0, close + 1);
  } else if (authority.includes(":")) {
    port = authority.slice(authority.lastIndexOf(":"));
    authority = authority.slice(0, authority.lastIndexOf(":"));
  }
  if (port !== "" && !/^:\d*$/.test(port)) {
    return `${shown} has port ${JSON.stringify(port.slice(1))}, which is not a number; write a numeric port (${scheme}://${authority}:443) or leave it out`;
  }
  const bad = [...authority].find((c) => !/[A-Za-z0-9\-._~]/.test(c) && !HOST_PUNCTUATION.includes(c) && c < "\u0080");
  if (bad !== undefined) {
    return `${shown} has the invalid character ${JSON.stringify(bad)} in its host; remove it (spaces are not allowed)`;
  }
  if (authority === "") return web ? `${shown} has no host; write it as ${scheme}://host, e.g. ${EXAMPLE}` : `${shown} has no host: ${NOT_HTTP}`;

  if (path.includes("*") || query.includes("*")) {
    return `${shown} has "*" outside the host; a wildcard is allowed only in the host, e.g. https://*.example.com`;
  }
  if (authority.replaceAll("*", "").replace(/^\.+|\.+$/g, "") === "") {
    return `${shown} has a wildcard host with no domain; write it as e.g. https://*.example.com`;
  }
  const fragment = value.includes("#") ? value.slice(value.indexOf("#") + 1) : "";
  if (path.split("/").some((segment) => containsCredential(decodeURIComponentSafe(segment)))) {
    return `${shown} carries a credential in its path; remove it and use outgoing_auth (url_path puts a secret reference in the path)`;
  }
  for (const [where, params] of [
    ["query", query],
    ["fragment", fragment],
  ] as const) {
    for (const pair of params.split("&")) {
      const key = decodeURIComponentSafe(pair.split("=")[0]!);
      const named = isCredentialParamName(key) && !containsCredential(key);
      if (named || containsCredential(decodeURIComponentSafe(pair))) {
        const what = containsCredential(key) || !pair.includes("=") ? `its ${where}` : `the ${where} parameter "${key}"`;
        return `${shown} carries a credential in ${what}; remove it and use outgoing_auth (for example token with a header, or url_path)`;
      }
    }
  }
  return undefined;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text.replaceAll("+", " "));
  } catch {
    return text;
  }
}

/**
 * What is wrong with a valid `destination` that the proxy accepts but cannot forward to: a scheme
 * other than http or https (Go's HTTP transport fails every request with "unsupported protocol scheme").
 *
 * @returns `undefined` for an http(s) destination (or an invalid one: `checkDestination` reports that), else the warning.
 * @example destinationWarning("ftp://files.example.com") // '"ftp://files.example.com" uses the scheme ftp: the proxy accepts it, but …'
 */
export function destinationWarning(value: string): string | undefined {
  const [scheme, rest] = splitScheme(value);
  if (isHttpScheme(scheme) || checkDestination(value) !== undefined) return undefined;
  return `${JSON.stringify(maskUrl(value))} uses the scheme ${scheme}: the proxy accepts it, but it forwards HTTP requests only and every request to it fails; write https:${maskUrl(rest)} if the API speaks HTTPS`;
}
