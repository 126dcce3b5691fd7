import { describe, expect, it } from "vitest";
import { checkDestination, destinationWarning } from "./destination.js";

describe("checkDestination", () => {
  it.each([
    "https://api.x.com",
    "http://ex",
    "https://[::1]:80",
    "https://*.example.com",
    "https://*.example.com/api/v1",
    "https://api.example.com/v1?version=2",
    "grpc://backend:9000", // any scheme
    "https://x.com:", // Go accepts an empty port
    "https://slack.com/",
    "https://x.com/path#frag",
  ])("accepts %j", (value) => {
    expect(checkDestination(value)).toBeUndefined();
  });

  it.each([
    ["example.com", `"example.com" has no scheme; write it as https://example.com`],
    ["//x.com", `"//x.com" has no scheme; write it as https://x.com`],
    ["localhost:8080", `"localhost:8080" has no scheme; write it as https://localhost:8080`],
    ["https://", `"https://" has no host; write it as https://host, e.g. https://api.example.com`],
    ["mailto:a@b", `"mailto:…@b" has no host: a destination is the http(s) URL of the API the proxy forwards requests to; write e.g. https://api.example.com`],
    ["file:/etc/api", `"file:/etc/api" has no host: a destination is the http(s) URL of the API the proxy forwards requests to; write e.g. https://api.example.com`],
    ["file:///etc/api", `"file:///etc/api" has no host: a destination is the http(s) URL of the API the proxy forwards requests to; write e.g. https://api.example.com`],
    ["http:/api.example.com", `"http:/api.example.com" has no host; write it as http://host[/path], e.g. https://api.example.com`],
    ["https://x y", `"https://x y" has the invalid character " " in its host; remove it (spaces are not allowed)`],
    ["https://x.com:abc", `"https://x.com:abc" has port "abc", which is not a number; write a numeric port (https://x.com:443) or leave it out`],
    ["https://*", `"https://*" has a wildcard host with no domain; write it as e.g. https://*.example.com`],
    ["https://*.", `"https://*." has a wildcard host with no domain; write it as e.g. https://*.example.com`],
    ["https://example.com/*", `"https://example.com/*" has "*" outside the host; a wildcard is allowed only in the host, e.g. https://*.example.com`],
    ["https://x.com?q=*", `"https://x.com?q=*" has "*" outside the host; a wildcard is allowed only in the host, e.g. https://*.example.com`],
    ["", "is empty; write an absolute URL such as https://api.example.com"],
    ["https://x.com/\n", `"https://x.com/\\n" contains a control character; remove it`],
    [" https://x.com", `" https://x.com" has leading or trailing spaces; remove them`],
    ["https://[::1", `"https://[::1" has an IPv6 host without its closing "]"`],
  ])("refuses %j", (value, message) => {
    expect(checkDestination(value)).toBe(message);
  });

  it("refuses user info without echoing it", () => {
    const message = checkDestination("https://user:hunter2pass@api.example.com/v1");
    expect(message).toBe(`"https://…@api.example.com/v1" carries user info; credentials do not belong in a destination: remove them and use outgoing_auth`);
    expect(message).not.toContain("hunter2pass");
    expect(message).not.toContain("user:");
  });

  it.each(["api_key", "APIKEY", "key", "token", "Access_Token", "secret", "password", "sig", "signature"])("refuses the credential query parameter %j without echoing its value", (param) => {
    const message = checkDestination(`https://api.example.com/v1?page=2&${param}=s3cr3tvalue`);
    expect(message).toBe(
      `"https://api.example.com/v1?page=2&${param}=…" carries a credential in the query parameter "${param}"; remove it and use outgoing_auth (for example token with a header, or url_path)`,
    );
    expect(message).not.toContain("s3cr3tvalue");
  });

  it("accepts query parameters that only contain a credential word", () => {
    expect(checkDestination("https://api.example.com/?keyword=x&monkey=1&tokens_per_page=5")).toBeUndefined();
  });

  // Tokens built from parts, so that this file holds no credential-shaped literal.
  const SLACK = ["xo", "xb-", "123456789012-1234567890123-", "aB3dE5gH7jK9mN1pQ3sT5vW7"].join("");
  const JWT = ["ey", "JhbGciOiJIUzI1NiJ9", ".ey", "JzdWIiOiIxMjM0NTY3ODkwIn0", ".dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"].join("");

  it.each([
    [
      `https://hooks.slack.com/services/${SLACK}`,
      `"https://hooks.slack.com/services/…" carries a credential in its path; remove it and use outgoing_auth (url_path puts a secret reference in the path)`,
    ],
    [
      `https://hooks.slack.com/services/${encodeURIComponent(`x ${SLACK}`)}`,
      `"https://hooks.slack.com/services/…" carries a credential in its path; remove it and use outgoing_auth (url_path puts a secret reference in the path)`,
    ],
    [
      `https://app.example.com/cb#access_token=abc&state=1`,
      `"https://app.example.com/cb#access_token=…&state=1" carries a credential in the fragment parameter "access_token"; remove it and use outgoing_auth (for example token with a header, or url_path)`,
    ],
    [`https://app.example.com/cb#${JWT}`, `"https://app.example.com/cb#…" carries a credential in its fragment; remove it and use outgoing_auth (for example token with a header, or url_path)`],
    [
      `https://api.example.com/?q=${SLACK}`,
      `"https://api.example.com/?q=…" carries a credential in the query parameter "q"; remove it and use outgoing_auth (for example token with a header, or url_path)`,
    ],
    [
      `https://api.example.com/?clientSecret=x`,
      `"https://api.example.com/?clientSecret=…" carries a credential in the query parameter "clientSecret"; remove it and use outgoing_auth (for example token with a header, or url_path)`,
    ],
  ])("refuses a credential in the path, the fragment or a query value: %j", (value, message) => {
    expect(checkDestination(value)).toBe(message);
  });

  it("accepts tenant ids, UUIDs and SHAs in the path (refusal never rests on entropy alone)", () => {
    for (const value of [
      "https://api.example.com/tenants/acme-prod-eu-west-1/v2",
      "https://api.example.com/orgs/8c3f2a1b-4d5e-4f60-8a7b-9c0d1e2f3a4b/",
      "https://raw.example.com/repo/9f86d081884c7d659a2feaa0c55ad015a3bf4f1b/file#L10",
      "https://hooks.slack.com/services/T0ABCDEF1/B0ABCDEF2/Zx81mQp4Lr7Tn2Vb9Kc5Wd3Y",
    ])
      expect(checkDestination(value), value).toBeUndefined();
  });

  // Every concrete URL a hint suggests (after "write it as" or "e.g.") must itself be a destination that works.
  it.each(["mailto:a@b", "mailto:ops@example.com", "file:/etc/api", "file:///etc/api", "example.com", "localhost:8080", "https://", "https://x.com:abc", "https://*"])(
    "the hint for %j suggests only destinations that are valid and HTTP",
    (value) => {
      const message = checkDestination(value)!;
      const hint = message.replace(/^"[^"]*"/, ""); // the value itself, echoed
      const forms = [...hint.matchAll(/[a-z]+:\/\/[^\s,;()]+/g)].map((m) => m[0]);
      expect(
        forms.filter((form) => !/^https?:/.test(form)),
        "forms in another scheme",
      ).toEqual([]);
      const suggested = forms.filter((url) => !/\/\/host\b/.test(url)); // `https://host[/path]` is a form, not a URL
      expect(suggested.length).toBeGreaterThan(0);
      for (const url of suggested) {
        expect(checkDestination(url), `${value} → ${url}`).toBeUndefined();
        expect(destinationWarning(url), `${value} → ${url}`).toBeUndefined();
      }
    },
  );
});

describe("destinationWarning", () => {
  it.each(["https://api.example.com", "http://backend:8080", "HTTPS://api.example.com", "https://*.example.com", "example.com"])("says nothing about %j", (value) => {
    expect(destinationWarning(value)).toBeUndefined();
  });

  it.each([
    [
      "ftp://files.example.com",
      `"ftp://files.example.com" uses the scheme ftp: the proxy accepts it, but it forwards HTTP requests only and every request to it fails; write https://files.example.com if the API speaks HTTPS`,
    ],
    [
      "grpc://backend:9000/x",
      `"grpc://backend:9000/x" uses the scheme grpc: the proxy accepts it, but it forwards HTTP requests only and every request to it fails; write https://backend:9000/x if the API speaks HTTPS`,
    ],
  ])("warns about the non-HTTP scheme of %j", (value, message) => {
    expect(destinationWarning(value)).toBe(message);
  });
});
