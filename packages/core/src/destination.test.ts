import { describe, expect, it } from "vitest";
import { checkDestination } from "./destination.js";

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
    ["mailto:a@b", `"mailto:…@b" has no host; write it as mailto://host[/path], e.g. https://api.example.com`],
    ["https://x y", `"https://x y" has the invalid character " " in its host; remove it (spaces are not allowed)`],
    [
      "https://x.com:abc",
      `"https://x.com:abc" has port "abc", which is not a number; write a numeric port (https://x.com:443) or leave it out`,
    ],
    ["https://*", `"https://*" has a wildcard host with no domain; write it as e.g. https://*.example.com`],
    ["https://*.", `"https://*." has a wildcard host with no domain; write it as e.g. https://*.example.com`],
    [
      "https://example.com/*",
      `"https://example.com/*" has "*" outside the host; a wildcard is allowed only in the host, e.g. https://*.example.com`,
    ],
    [
      "https://x.com?q=*",
      `"https://x.com?q=*" has "*" outside the host; a wildcard is allowed only in the host, e.g. https://*.example.com`,
    ],
    ["", "is empty; write an absolute URL such as https://api.example.com"],
    ["https://x.com/\n", `"https://x.com/\\n" contains a control character; remove it`],
    [" https://x.com", `" https://x.com" has leading or trailing spaces; remove them`],
    ["https://[::1", `"https://[::1" has an IPv6 host without its closing "]"`],
  ])("refuses %j", (value, message) => {
    expect(checkDestination(value)).toBe(message);
  });

  it("refuses user info without echoing it", () => {
    const message = checkDestination("https://user:hunter2pass@api.example.com/v1");
    expect(message).toBe(
      `"https://…@api.example.com/v1" carries user info; credentials do not belong in a destination: remove them and use outgoing_auth`,
    );
    expect(message).not.toContain("hunter2pass");
    expect(message).not.toContain("user:");
  });

  it.each(["api_key", "APIKEY", "key", "token", "Access_Token", "secret", "password", "sig", "signature"])(
    "refuses the credential query parameter %j without echoing its value",
    (param) => {
      const message = checkDestination(`https://api.example.com/v1?page=2&${param}=s3cr3tvalue`);
      expect(message).toBe(
        `"https://api.example.com/v1?page=2&${param}=…" carries a credential in the query parameter "${param}"; remove it and use outgoing_auth (for example token with a header, or url_path)`,
      );
      expect(message).not.toContain("s3cr3tvalue");
    },
  );

  it("accepts query parameters that only contain a credential word", () => {
    expect(checkDestination("https://api.example.com/?keyword=x&monkey=1&tokens_per_page=5")).toBeUndefined();
  });
});
