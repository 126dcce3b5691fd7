import type { PluginStatus } from "../discovery/record.js";
import { paint, type Channel, type Format } from "../output/style.js";

const STATUS_FORMAT: Record<PluginStatus, Format> = { ok: "green", error: "red", incompatible: "yellow", shadowed: "gray", unchecked: "cyan" };

/** A plugin status word (`ok`, `error`, `incompatible`, `shadowed`, `unchecked`) in its colour, for `list` and `doctor`. */
export function statusWord(status: PluginStatus, channel: Channel = "stdout"): string {
  return paint(channel, STATUS_FORMAT[status], status);
}
