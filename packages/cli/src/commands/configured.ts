import { assertWalkable, integrationList, maskLiterals, maskSecretValue, readConfig } from "@integrations/core";
import { printable } from "../output/printable.js";
import type { Run } from "../run/run.js";

/**
 * `integrations list --configured [--json]`: the integrations in the config file with name and
 * destination (what the Go tool's `list` printed); with `--json`, every block whole, any
 * `dangerousLiteral:` value masked.
 */
export async function listConfigured(run: Run, json: boolean): Promise<number> {
  const { writeOut } = run.output;
  const file = (await run.configFile()).path;
  const parsed = await readConfig(file);
  const list = integrationList(parsed);
  if (json) {
    assertWalkable(parsed.data, file); // printed whole: no cycle, no blow-up through aliases
    writeOut(`${JSON.stringify(maskLiterals(list), null, 2)}\n`);
    return 0;
  }
  if (list.length === 0) {
    writeOut(`no integrations in ${file}\n`);
    return 0;
  }
  const names = list.map((item) => printable(maskSecretValue(String(item?.name ?? "(no name)"))));
  const width = names.reduce((widest, n) => Math.max(widest, n.length), 4); // no spread: a list may have more items than a call has arguments
  const rows = list.map((item, i) => `${names[i]!.padEnd(width)}  ${printable(maskSecretValue(String(item?.destination ?? "")))}`);
  writeOut(`${["NAME".padEnd(width) + "  DESTINATION", ...rows].join("\n")}\n`);
  return 0;
}
