/**
 * Whether a block in the file was written by another integration's plugin than the one updating it
 * (`integrations update github --name slack`), told from the block alone: no plugin is imported.
 *
 * A block's likeness is its destination host and, per direction, its distinctive auth checks: the
 * types of its `incoming_auth` and `outgoing_auth` entries, a `token` entry with its header and
 * prefix (`Authorization|Bearer `), an incoming `token` (which `--incoming-token` adds to any block)
 * left out. The checks of a direction conflict when the block has some there and the plugin writes
 * none of them (a check removed by hand from the block is no evidence either way).
 */

type Entry = { type?: unknown; params?: { header?: unknown; prefix?: unknown } };

/** What the plugin updating the block is, and the other integrations known here. */
export interface UpdatingIntegration {
  /** The integration whose plugin built the new block (`github`). */
  name: string;
  /** Every other known integration name: a block named after one of them is taken to be its. */
  others?: readonly string[];
}

/** Why `current` (the block in the file) is another integration's. */
export interface OtherOwner {
  /** `it looks like the slack integration's (slack.com, incoming slack_signature, …), where github writes …` */
  reason: string;
  /** The integration it is named after, when it is (`slack`). */
  owner?: string;
}

/** Why `current` (the block in the file) is another integration's, or undefined when it may be `integration`'s. */
export function otherOwner(current: Record<string, unknown>, generated: Record<string, unknown>, integration: UpdatingIntegration): OtherOwner | undefined {
  const sameHost = hostOf(current.destination) === hostOf(generated.destination);
  const sameAuth = (["incoming_auth", "outgoing_auth"] as const).every((key) => !conflict(checks(current[key], key), checks(generated[key], key)));
  const name = String(current.name ?? "").toLowerCase();
  const namedOther = name !== integration.name && (integration.others ?? []).includes(name);
  const sameDestination = current.destination === generated.destination;
  if (sameHost ? !namedOther || (sameAuth && sameDestination) : sameAuth && !namedOther) return undefined;
  const whose = namedOther ? `the ${name} integration's` : "another integration's";
  const reason = `it looks like ${whose} (${likeness(current)}), where ${integration.name} writes ${likeness(generated)}`;
  return namedOther ? { reason, owner: name } : { reason };
}

/** The destination's host (never its user info); "" when it does not parse, which matches no plugin's. */
function hostOf(destination: unknown): string {
  try {
    return new URL(String(destination ?? "")).host.toLowerCase();
  } catch {
    return "";
  }
}

/**
 * The distinctive auth checks of one direction's list; with `shown`, as a message may name them: a
 * token's prefix is compared but never shown (a hand-written file may hold a credential there).
 */
function checks(list: unknown, key: "incoming_auth" | "outgoing_auth", shown = false): string[] {
  const entries = Array.isArray(list) ? (list as Entry[]) : [];
  return entries.flatMap((entry) => {
    const type = String(entry?.type ?? "");
    if (type === "token" && key === "incoming_auth") return [];
    if (!/^[a-z_]+$/.test(type)) return shown ? ["an unknown type"] : [type];
    if (type !== "token") return [type];
    const header = String(entry.params?.header ?? "");
    const shownHeader = /^[A-Za-z0-9-]{1,40}$/.test(header) ? ` ${header}` : "";
    return [shown ? `token${shownHeader}` : `token ${header}|${String(entry.params?.prefix ?? "")}`];
  });
}

function conflict(inFile: readonly string[], generated: readonly string[]): boolean {
  return inFile.length > 0 && !inFile.some((check) => generated.includes(check));
}

/** `slack.com, incoming slack_signature, outgoing token Authorization`: what a block looks like, for the message (no value a credential could hide in). */
function likeness(block: Record<string, unknown>): string {
  const incoming = [...new Set(checks(block.incoming_auth, "incoming_auth", true))];
  const outgoing = [...new Set(checks(block.outgoing_auth, "outgoing_auth", true))];
  return [hostOf(block.destination) || "a destination that does not parse", incoming.length ? `incoming ${incoming.join(" + ")}` : "", outgoing.length ? `outgoing ${outgoing.join(" + ")}` : ""]
    .filter(Boolean)
    .join(", ");
}
