import assert from "node:assert/strict";
import { test } from "node:test";
import { runPlugin } from "@integrations/plugin-sdk/testing";
import plugin from "./index.js";

const token = ["-token", "env:LEDGER_TOKEN"];

test("writes the handbook's block for the us region by default", () => {
  const { block } = runPlugin(plugin, token);
  assert.deepEqual(block, {
    name: "ledger",
    destination: "https://ledger.us.acme.internal/api/v2",
    in_rate_limit: 100,
    out_rate_limit: 600,
    rate_limit_window: "1m",
    rate_limit_strategy: "token_bucket",
    response_header_timeout: "30s",
    outgoing_auth: [{ type: "token", params: { header: "X-Ledger-Key", secrets: ["env:LEDGER_TOKEN"] } }],
  });
});

test("--region eu picks the eu host; --domain wins over the region", () => {
  assert.equal(runPlugin(plugin, [...token, "-region", "eu"]).block.destination, "https://ledger.eu.acme.internal/api/v2");
  const staging = runPlugin(plugin, [...token, "-region", "eu", "-domain", "ledger.staging.acme.internal"]);
  assert.equal(staging.block.destination, "https://ledger.staging.acme.internal/api/v2");
});

test("--signing-key adds the HMAC signature the write endpoints require", () => {
  const { block } = runPlugin(plugin, [...token, "--signing-key", "env:LEDGER_SIGNING_KEY"]);
  assert.deepEqual(block.outgoing_auth, [
    { type: "token", params: { header: "X-Ledger-Key", secrets: ["env:LEDGER_TOKEN"] } },
    { type: "hmac_signature", params: { secrets: ["env:LEDGER_SIGNING_KEY"], header: "X-Ledger-Signature", algo: "sha256" } },
  ]);
});

test("refuses an unknown region, a missing key and a raw key", () => {
  assert.throws(() => runPlugin(plugin, [...token, "-region", "apac"]), /"apac" is not one of us, eu/);
  assert.throws(() => runPlugin(plugin, []), /missing required flag --token/);
  assert.throws(() => runPlugin(plugin, ["-token", "lk_live_0123456789abcdefghijklmn"]), /not a secret reference/);
});
