// Printing the benchmark: figures, plain-text tables, the machine line and progress on stderr.
import { cpus, loadavg, totalmem } from "node:os";

export function fmtMs(ms) {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

export const fmtRss = (kb) => (kb === undefined ? "?" : `${(kb / 1024).toFixed(0)} MB`);
export const fmtFaults = (n) => (n === undefined ? "?" : Math.round(n).toLocaleString("en-US"));
export const fmtCpu = (ms) => (ms === undefined ? "?" : `${Math.round(ms)} ms`);

export function table(headers, rows, align) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (align[i] === "r" ? String(c).padStart(widths[i]) : String(c).padEnd(widths[i]))).join("  ");
  return [line(headers), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

/** The machine, as the JSON output records it. */
export function machine() {
  return { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? "?", memGiB: totalmem() / 2 ** 30, loadavg: loadavg(), date: new Date().toISOString() };
}

export function machineLine(m) {
  return `node ${m.node}, ${m.cpus} CPUs (${m.cpuModel}), ${m.memGiB.toFixed(1)} GiB, load average ${m.loadavg.map((x) => x.toFixed(2)).join(" ")}, ${m.date}`;
}

/** Progress of the timed rounds on stderr (one rewritten line on a terminal). */
export function progress(round, rounds, ms) {
  const text = `round ${round}/${rounds} (${fmtMs(ms)})`;
  process.stderr.write(process.stderr.isTTY ? `\r${text}${round === rounds ? "\n" : ""}` : `${text}\n`);
}
