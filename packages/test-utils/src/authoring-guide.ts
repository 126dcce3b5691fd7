// docs/authoring.md read as a script: its ```sh blocks in order. Both the guide's own checks and the
// registry-install test (which runs it with the CLI installed from a registry) read it here.
import { readFileSync } from "node:fs";
import { workspacePath } from "./paths.js";

/** The authoring guide's text, its ```sh blocks in order, and their command lines (no comments, no blank lines). */
export interface AuthoringGuide {
  path: string;
  text: string;
  blocks: string[];
  commands: string[];
}

/** Reads docs/authoring.md. */
export function authoringGuide(): AuthoringGuide {
  const path = workspacePath("docs", "authoring.md");
  const text = readFileSync(path, "utf8");
  const blocks = [...text.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
  const commands = blocks
    .flatMap((block) => block.split("\n"))
    .map((line) => line.replace(/\s+#.*$/, "").trim())
    .filter((line) => line && !line.startsWith("#"));
  return { path, text, blocks, commands };
}
