import { describe, expect, it } from "vitest";
import { maskedAuth, maskUrl } from "./npm.js";

describe("maskedAuth", () => {
  it("names each credential setting with its registry and never keeps the value", () => {
    const text = [
      "; a comment //x/:_authToken=not-this",
      "@acme:registry=http://127.0.0.1:4873/",
      "//127.0.0.1:4873/:_authToken=secret-token-value",
      "  //npm.example/path/:_auth = c2VjcmV0",
      "//npm.example/path/:_password=cGFzcw==",
      "//127.0.0.1:4873/:_authToken=${NPM_TOKEN}",
      "_authToken=global-secret",
      "//npm.example/:username=ci",
      "//npm.example/:always-auth=true",
    ].join("\r\n");
    const masked = maskedAuth(text);
    expect(masked).toEqual(["//127.0.0.1:4873/:_authToken=***", "//npm.example/path/:_auth=***", "//npm.example/path/:_password=***", "_authToken=***"]);
    expect(masked.join("\n")).not.toMatch(/secret|c2Vj|cGFz|NPM_TOKEN/);
  });
});

describe("maskUrl", () => {
  it("masks the credentials of a registry URL and leaves others alone", () => {
    expect(maskUrl("https://ci:secret@npm.example/")).toBe("https://***@npm.example/");
    expect(maskUrl("https://token@npm.example/x/")).toBe("https://***@npm.example/x/");
    expect(maskUrl("http://127.0.0.1:4873/")).toBe("http://127.0.0.1:4873/");
    expect(maskUrl("https://npm.example/@scope/")).toBe("https://npm.example/@scope/");
  });
});
