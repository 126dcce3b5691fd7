import { fileURLToPath } from "node:url";
import { join } from "node:path";

/** The workspace root (this file is packages/test-utils/dist/paths.js). */
const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/** A path inside the workspace: `workspacePath("packages", "cli")`. */
export function workspacePath(...parts: string[]): string {
  return join(ROOT, ...parts);
}

/** A path inside `../shared` beside the project root: `sharedPath("reference", "authtranslator", "conf-config.yaml")`. */
export function sharedPath(...parts: string[]): string {
  return join(ROOT, "..", "shared", ...parts);
}
