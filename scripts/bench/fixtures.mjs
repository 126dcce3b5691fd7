// The benchmark's fixtures: plain-ESM plugin packages (no SDK import, as the discovery tests write
// them), a project with N of them installed, and large config files built from one rendered block.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

export const pad = (n, width = 5) => String(n).padStart(width, "0");

export const SLACK_FLAGS = ["-token", "env:SLACK_TOKEN", "-signing-secret", "env:SLACK_SIGNING_SECRET"];

export function writeJson(path, value) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}

/** One fixture plugin package `integrations-plugin-<integration>` in `nodeModules`; returns its name. */
function writePlugin(nodeModules, integration) {
  const name = `integrations-plugin-${integration}`;
  const dir = join(nodeModules, name);
  writeJson(join(dir, "package.json"), {
    name,
    version: "1.0.0",
    type: "module",
    main: "index.js",
    keywords: ["integrations-plugin"],
    integrationsPlugin: { apiVersion: 1, integrations: [integration] },
  });
  writeFileSync(
    join(dir, "index.js"),
    [
      "export default {",
      "  apiVersion: 1,",
      `  name: ${JSON.stringify(integration)},`,
      `  description: ${JSON.stringify(`${integration} API (bench fixture)`)},`,
      "  flags: {",
      '    token: { type: "secret", required: true, description: "token ref" },',
      "  },",
      `  build: (f) => ({ name: f.name, destination: ${JSON.stringify(`https://${integration}.example.com`)}, outgoing_auth: [{ type: "token", params: { header: "Authorization", secrets: [f.token] } }] }),`,
      "};",
      "",
    ].join("\n"),
  );
  return name;
}

/**
 * A project under `root` with `count` installed plugins: half in its node_modules (declared in its
 * package.json), half in its own user plugin dir (package.json dependencies + node_modules, the layout
 * of `integrations plugins install`). Returns the cwd and the data dir to pass as INTEGRATIONS_DATA_DIR.
 */
export function pluginProject(root, id, count) {
  const project = join(root, `project-${id}`);
  const data = join(root, `data-${id}`);
  const projectDeps = {};
  const userDeps = {};
  for (let i = 0; i < count; i++) {
    if (i % 2 === 0) projectDeps[writePlugin(join(project, "node_modules"), `pbench${pad(i, 3)}`)] = "1.0.0";
    else userDeps[writePlugin(join(data, "node_modules"), `ubench${pad(i, 3)}`)] = "^1.0.0";
  }
  writeJson(join(project, "package.json"), { name: `bench-project-${id}`, private: true, dependencies: projectDeps });
  writeJson(join(data, "package.json"), { dependencies: userDeps });
  return { cwd: project, data };
}

/**
 * Config texts of `count` slack blocks as this CLI writes them: one block rendered by the CLI into
 * a missing file, repeated under the names slack-00000, slack-00001, …
 */
export function bigConfig(rendered, count) {
  const marker = "  - name: slack\n";
  const at = rendered.indexOf(marker);
  if (at < 0) throw new Error(`unexpected rendering of the slack block:\n${rendered}`);
  const head = rendered.slice(0, at);
  const rest = rendered.slice(at + marker.length);
  const parts = [head];
  for (let i = 0; i < count; i++) parts.push(`  - name: slack-${pad(i)}\n`, rest);
  return parts.join("");
}
