// Whether this CLI package has a start-up snapshot that bin/integrations will use, and if not, why:
// for `integrations snapshot status` and `doctor`. The same checks as the launcher's and the
// snapshot's own (snapshot-inputs.ts), made from outside.
import { accessSync, constants, statSync } from "node:fs";
import { delimiter, join } from "node:path";
import { snapshotPlaces } from "./snapshot-build.js";
import { changedInput, NODE_TIME_MARKER, readSnapshotInputs } from "./snapshot-inputs.js";

/**
 * `ready`: the next shell start uses it; `stale`: `changed` was modified since it was made;
 * `other-node`: the node first on PATH is not the binary it was made by; `off`: INTEGRATIONS_NO_SNAPSHOT
 * or NODE_OPTIONS is set; `none`: there is none.
 */
export interface SnapshotStatus {
  state: "ready" | "stale" | "other-node" | "off" | "none";
  /** The snapshot's directory, when there is one. */
  dir?: string;
  /** The first input file changed since it was made (`stale`). */
  changed?: string;
  /** The node first on PATH (`ready`, `other-node`). */
  node?: string;
}

/** The snapshot the launcher would use (of the package's place and the user cache's, the one whose blob is newer; the package's on a tie), and its state. */
export function snapshotStatus(env: NodeJS.ProcessEnv = process.env): SnapshotStatus {
  const places = snapshotPlaces(env);
  const made = (place: string | undefined) => (place === undefined ? undefined : statSync(join(place, "integrations.blob"), { throwIfNoEntry: false })?.mtimeMs);
  const [own, cached] = [made(places.package), made(places.cache)];
  const dir = cached !== undefined && (own === undefined || cached > own) ? places.cache : own !== undefined ? places.package : undefined;
  if (dir === undefined) return { state: "none" };
  if (env.INTEGRATIONS_NO_SNAPSHOT || env.NODE_OPTIONS) return { state: "off", dir };
  const changed = changedInput(readSnapshotInputs(dir));
  if (changed !== undefined) return { state: "stale", dir, changed };
  const node = nodeOnPath(env.PATH ?? "");
  const ready = node !== undefined && isSnapshotNode(node, dir);
  return { state: ready ? "ready" : "other-node", dir, ...(node ? { node } : {}) };
}

/** The `node` a shell finds first on PATH, as bin/integrations looks for it. */
function nodeOnPath(path: string): string | undefined {
  for (const dir of path.split(delimiter)) {
    const candidate = join(dir || ".", "node");
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** As bin/integrations tests it: `node` is the snapshot's `node` file (`-ef`) and has the modification time in node.mtime, to the nanosecond. */
function isSnapshotNode(node: string, dir: string): boolean {
  const [binary, linked, marker] = [node, join(dir, "node"), join(dir, NODE_TIME_MARKER)].map((file) => statSync(file, { bigint: true, throwIfNoEntry: false }));
  return binary !== undefined && linked !== undefined && marker !== undefined && binary.dev === linked.dev && binary.ino === linked.ino && binary.mtimeNs === marker.mtimeNs;
}
