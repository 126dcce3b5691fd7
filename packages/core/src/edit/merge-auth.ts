import { isDeepStrictEqual } from "node:util";

type Entry = { type?: unknown; params?: Record<string, unknown> };

/**
 * Merges a regenerated auth list (`incoming_auth` / `outgoing_auth`) into the one in the file, so that
 * an update keeps what the user added by hand: each generated entry takes the place of the file's
 * first unused entry of the same `type`, keeping that entry's hand-added params (`tolerance: 600`);
 * the file's entries of other types (an extra check added by hand) stay where they are, and generated
 * entries the file lacks go after them, so that the entries keep the file's order and an edit touches
 * only what changed. `--replace` skips this and writes the generated list as it is.
 */
export function mergeAuthList(current: unknown, generated: readonly Entry[]): Entry[] {
  const existing = Array.isArray(current) ? (current as Entry[]) : [];
  const merged = [...existing];
  const used = new Set<number>();
  const added: Entry[] = [];
  for (const entry of generated) {
    const index = existing.findIndex((old, i) => !used.has(i) && old?.type === entry.type);
    if (index === -1) {
      added.push(entry);
      continue;
    }
    used.add(index);
    const params = entry.params ?? {};
    const handAdded = Object.entries(existing[index]!.params ?? {}).filter(([key]) => !(key in params));
    merged[index] = { ...entry, params: { ...params, ...Object.fromEntries(handAdded) } };
  }
  return [...merged, ...added];
}

/** The block an update writes without `--replace`: `generated`, its auth lists merged with the file's. */
export function mergeForUpdate(current: Record<string, unknown>, generated: Record<string, unknown>): Record<string, unknown> {
  const result = { ...generated };
  for (const key of ["incoming_auth", "outgoing_auth"]) {
    if (!(key in generated) && !(key in current)) continue;
    const merged = mergeAuthList(current[key], (generated[key] as Entry[] | undefined) ?? []);
    if (merged.length > 0 || key in generated) result[key] = isDeepStrictEqual(merged, current[key]) ? current[key] : merged;
  }
  return result;
}
