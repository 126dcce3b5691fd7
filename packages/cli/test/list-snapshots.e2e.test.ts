// `list` and `list --json` pinned as they read today: the built-ins alone, and with one project
// plugin beside them. Paths are replaced by <workspace> (the checkout) and <project> (the temp
// project), and the built-ins' version by <ver> (kept to its width, so the table's columns stay as
// printed): these vary by machine and release, nothing else does.
import { readFileSync, realpathSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { fixturePackage, makeTempDir, pluginSource, startCli, workspacePath, writeFiles, writePackage } from "@integrations/test-utils";

const WORKSPACE = workspacePath().replace(/\/$/, "");
const BUILTIN_VERSION = (JSON.parse(readFileSync(workspacePath("packages", "plugin-slack", "package.json"), "utf8")) as { version: string }).version;

/** Runs `integrations <args>` in `cwd`; stdout with paths and the built-ins' version normalised, and the exit code and stderr checked. */
async function listOutput(args: readonly string[], cwd: string): Promise<string> {
  const result = await startCli(args, { cwd, env: { COLUMNS: "80" } }).done;
  expect({ code: result.code, stderr: result.stderr }, args.join(" ")).toEqual({ code: 0, stderr: "" });
  return result.stdout.replaceAll(realpathSync(cwd), "<project>").replaceAll(cwd, "<project>").replaceAll(WORKSPACE, "<workspace>").replaceAll(BUILTIN_VERSION, "<ver>".padEnd(BUILTIN_VERSION.length));
}

const outputs = new Map<string, string>();

beforeAll(async () => {
  const builtinsOnly = makeTempDir();
  // A project (package.json) with one plugin in its node_modules, at a version of its own.
  const project = makeTempDir();
  writeFiles(project, { "package.json": `${JSON.stringify({ name: "acme-gateway", private: true }, null, 2)}\n` });
  writePackage(
    join(project, "node_modules", "integrations-plugin-acme"),
    fixturePackage("integrations-plugin-acme", "2.3.4", { apiVersion: 1, integrations: ["acme"] }, pluginSource({ name: "acme", destination: "https://api.acme.test" }), {
      description: "Acme REST API",
    }),
  );
  const runs: [string, string[], string][] = [
    ["builtins", ["list"], builtinsOnly],
    ["builtins --json", ["list", "--json"], builtinsOnly],
    ["project", ["list"], project],
    ["project --json", ["list", "--json"], project],
  ];
  // Independent runs (list only reads): started together.
  for (const [key, text] of await Promise.all(runs.map(async ([key, args, cwd]) => [key, await listOutput(args, cwd)] as const))) outputs.set(key, text);
});

const output = (key: string): string => outputs.get(key) ?? expect.fail(`no run "${key}"`);

describe("list, pinned", () => {
  it("integrations list, the built-ins only", () => {
    expect(output("builtins")).toMatchInlineSnapshot(`
      "INTEGRATION  PACKAGE                         VERSION  SOURCE   RUNS        STATUS
      asana        integrations-plugin-asana       <ver>    builtin  in process  ok
      confluence   integrations-plugin-confluence  <ver>    builtin  in process  ok
      datadog      integrations-plugin-datadog     <ver>    builtin  in process  ok
      gdrive       integrations-plugin-gdrive      <ver>    builtin  in process  ok
      ghe          integrations-plugin-ghe         <ver>    builtin  in process  ok
      github       integrations-plugin-github      <ver>    builtin  in process  ok
      gitlab       integrations-plugin-gitlab      <ver>    builtin  in process  ok
      jira         integrations-plugin-jira        <ver>    builtin  in process  ok
      linear       integrations-plugin-linear      <ver>    builtin  in process  ok
      monday       integrations-plugin-monday      <ver>    builtin  in process  ok
      okta         integrations-plugin-okta        <ver>    builtin  in process  ok
      openai       integrations-plugin-openai      <ver>    builtin  in process  ok
      pagerduty    integrations-plugin-pagerduty   <ver>    builtin  in process  ok
      sendgrid     integrations-plugin-sendgrid    <ver>    builtin  in process  ok
      servicenow   integrations-plugin-servicenow  <ver>    builtin  in process  ok
      slack        integrations-plugin-slack       <ver>    builtin  in process  ok
      stripe       integrations-plugin-stripe      <ver>    builtin  in process  ok
      trufflehog   integrations-plugin-trufflehog  <ver>    builtin  in process  ok
      twilio       integrations-plugin-twilio      <ver>    builtin  in process  ok
      workday      integrations-plugin-workday     <ver>    builtin  in process  ok
      zendesk      integrations-plugin-zendesk     <ver>    builtin  in process  ok
      "
    `);
  });

  it("integrations list --json, the built-ins only", () => {
    expect(output("builtins --json")).toMatchInlineSnapshot(`
      "[
        {
          "integration": "asana",
          "package": "integrations-plugin-asana",
          "version": "<ver>",
          "source": "builtin",
          "status": "ok",
          "runs": "in-process",
          "cause": null,
          "description": "Asana REST API (AuthTranslator integration plugin)",
          "path": "<workspace>/packages/plugin-asana"
        },
        {
          "integration": "confluence",
          "package": "integrations-plugin-confluence",
          "version": "<ver>",
          "source": "builtin",
          "status": "ok",
          "runs": "in-process",
          "cause": null,
          "description": "Confluence Cloud REST API, on api.atlassian.com or your site (AuthTranslator integration plugin)",
          "path": "<workspace>/packages/plugin-confluence"
        },
        {
          "integration": "datadog",
          "package": "integrations-plugin-datadog",
          "version": "<ver>",
          "source": "builtin",
          "status": "ok",
          "runs": "in-process",
          "cause": null,
          "description": "Datadog API, on any Datadog site (AuthTranslator integration plugin)",
          "path": "<workspace>/packages/plugin-datadog"
        },
        {
          "integration": "gdrive",
          "package": "integrations-plugin-gdrive",
          "version": "<ver>",
          "source": "builtin",
          "status": "ok",
          "runs": "in-process",
          "cause": null,
          "description": "Google Drive API v3, with the proxy's Google Cloud service account (AuthTranslator integration plugin)",
          "path": "<workspace>/packages/plugin-gdrive"
        },
        {
          "integration": "ghe",
          "package": "integrations-plugin-ghe",
          "version": "<ver>",
          "source": "builtin",
          "status": "ok",
          "runs": "in-process",
          "cause": null,
          "description": "GitHub Enterprise Server REST API, with webhook signatures (AuthTranslator integration plugin)",
          "path": "<workspace>/packages/plugin-ghe"
        },
        {
          "integration": "github",
          "package": "integrations-plugin-github",
          "version": "<ver>",
          "source": "builtin",
          "status": "ok",
          "runs": "in-process",
          "cause": null,
          "description": "GitHub REST API, with webhook signatures (AuthTranslator integration plugin)",
          "path": "<workspace>/packages/plugin-github"
        },
        {
          "integration": "gitlab",
          "package": "integrations-plugin-gitlab",
          "version": "<ver>",
          "source": "builtin",
          "status": "ok",
          "runs": "in-process",
          "cause": null,
          "description": "GitLab REST API (AuthTranslator integration plugin)",
          "path": "<workspace>/packages/plugin-gitlab"
        },
        {
          "integration": "jira",
          "package": "integrations-plugin-jira",
          "version": "<ver>",
          "source": "builtin",
          "status": "ok",
          "runs": "in-process",
          "cause": null,
          "description": "Jira Cloud REST API, on api.atlassian.com or your site (AuthTranslator integration plugin)",
          "path": "<workspace>/packages/plugin-jira"
        },
        {
          "integration": "linear",
          "package": "integrations-plugin-linear",
          "version": "<ver>",
          "source": "builtin",
          "status": "ok",
          "runs": "in-process",
          "cause": null,
          "description": "Linear GraphQL API (AuthTranslator integration plugin)",
          "path": "<workspace>/packages/plugin-linear"
        },
        {
          "integration": "monday",
          "package": "integrations-plugin-monday",
          "version": "<ver>",
          "source": "builtin",
          "status": "ok",
          "runs": "in-process",
          "cause": null,
          "description": "monday.com platform API (AuthTranslator integration plugin)",
          "path": "<workspace>/packages/plugin-monday"
        },
        {
          "integration": "okta",
          "package": "integrations-plugin-okta",
          "version": "<ver>",
          "source": "builtin",
          "status": "ok",
          "runs": "in-process",
          "cause": null,
          "description": "Okta Management API (AuthTranslator integration plugin)",
          "path": "<workspace>/packages/plugin-okta"
        },
        {
          "integration": "openai",
          "package": "integrations-plugin-openai",
          "version": "<ver>",
          "source": "builtin",
          "status": "ok",
          "runs": "in-process",
          "cause": null,
          "description": "OpenAI API (AuthTranslator integration plugin)",
          "path": "<workspace>/packages/plugin-openai"
        },
        {
          "integration": "pagerduty",
          "package": "integrations-plugin-pagerduty",
          "version": "<ver>",
          "source": "builtin",
          "status": "ok",
          "runs": "in-process",
          "cause": null,
          "description": "PagerDuty REST API (AuthTranslator integration plugin)",
          "path": "<workspace>/packages/plugin-pagerduty"
        },
        {
          "integration": "sendgrid",
          "package": "integrations-plugin-sendgrid",
          "version": "<ver>",
          "source": "builtin",
          "status": "ok",
          "runs": "in-process",
          "cause": null,
          "description": "Twilio SendGrid Web API v3 (AuthTranslator integration plugin)",
          "path": "<workspace>/packages/plugin-sendgrid"
        },
        {
          "integration": "servicenow",
          "package": "integrations-plugin-servicenow",
          "version": "<ver>",
          "source": "builtin",
          "status": "ok",
          "runs": "in-process",
          "cause": null,
          "description": "ServiceNow REST API (AuthTranslator integration plugin)",
          "path": "<workspace>/packages/plugin-servicenow"
        },
        {
          "integration": "slack",
          "package": "integrations-plugin-slack",
          "version": "<ver>",
          "source": "builtin",
          "status": "ok",
          "runs": "in-process",
          "cause": null,
          "description": "Slack Web API, with Slack request signatures (AuthTranslator integration plugin)",
          "path": "<workspace>/packages/plugin-slack"
        },
        {
          "integration": "stripe",
          "package": "integrations-plugin-stripe",
          "version": "<ver>",
          "source": "builtin",
          "status": "ok",
          "runs": "in-process",
          "cause": null,
          "description": "Stripe API (AuthTranslator integration plugin)",
          "path": "<workspace>/packages/plugin-stripe"
        },
        {
          "integration": "trufflehog",
          "package": "integrations-plugin-trufflehog",
          "version": "<ver>",
          "source": "builtin",
          "status": "ok",
          "runs": "in-process",
          "cause": null,
          "description": "TruffleHog API (AuthTranslator integration plugin)",
          "path": "<workspace>/packages/plugin-trufflehog"
        },
        {
          "integration": "twilio",
          "package": "integrations-plugin-twilio",
          "version": "<ver>",
          "source": "builtin",
          "status": "ok",
          "runs": "in-process",
          "cause": null,
          "description": "Twilio REST API, with HTTP basic auth (AuthTranslator integration plugin)",
          "path": "<workspace>/packages/plugin-twilio"
        },
        {
          "integration": "workday",
          "package": "integrations-plugin-workday",
          "version": "<ver>",
          "source": "builtin",
          "status": "ok",
          "runs": "in-process",
          "cause": null,
          "description": "Workday REST API (AuthTranslator integration plugin)",
          "path": "<workspace>/packages/plugin-workday"
        },
        {
          "integration": "zendesk",
          "package": "integrations-plugin-zendesk",
          "version": "<ver>",
          "source": "builtin",
          "status": "ok",
          "runs": "in-process",
          "cause": null,
          "description": "Zendesk Support API (AuthTranslator integration plugin)",
          "path": "<workspace>/packages/plugin-zendesk"
        }
      ]
      "
    `);
  });

  // The built-ins' rows are pinned above: here they must read the same, and what the project plugin
  // adds is pinned (a line with its line number).
  it("integrations list, with a project plugin", () => {
    const builtins = new Set(output("builtins").split("\n"));
    const lines = output("project").split("\n");
    expect(lines.filter((line) => builtins.has(line))).toEqual(output("builtins").split("\n"));
    const added = lines.flatMap((line, i) => (builtins.has(line) ? [] : [`${i + 1}: ${line}`]));
    expect(added.join("\n")).toMatchInlineSnapshot(`
      "2: acme         integrations-plugin-acme        2.3.4    project  sandboxed   unchecked
      24: unchecked: not imported by any run since its files last changed; integrations list --check imports it now"
    `);
  });

  it("integrations list --json, with a project plugin", () => {
    const rows = JSON.parse(output("project --json")) as { integration: string; source: string }[];
    expect(output("project --json")).toBe(`${JSON.stringify(rows, null, 2)}\n`);
    expect(rows.map((row) => row.integration)).toEqual(rows.map((row) => row.integration).sort());
    expect(rows.filter((row) => row.source === "builtin")).toEqual(JSON.parse(output("builtins --json")));
    expect(rows.filter((row) => row.source !== "builtin")).toMatchInlineSnapshot(`
      [
        {
          "cause": null,
          "description": "Acme REST API",
          "integration": "acme",
          "package": "integrations-plugin-acme",
          "path": "<project>/node_modules/integrations-plugin-acme",
          "runs": "sandbox",
          "source": "project",
          "status": "unchecked",
          "version": "2.3.4",
        },
      ]
    `);
  });
});
