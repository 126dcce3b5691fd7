// Imported first by the start-up snapshot's entry (scripts/build-snapshot.mjs generates it), so that it
// runs before any other module's top level. Build time only: it does nothing in a run.
//
// Why: on Node 20, when a timer has existed at any moment while a snapshot is built (created and
// cleared is enough), Node's timer module saves a stale next-expiry time with the heap. In a run from
// that snapshot, a timer created about two seconds or more after launch is never armed: nothing keeps
// the event loop alive, and node exits 0 with the command unfinished. So the build must create no
// timer at all, and this module makes that a checked fact instead of a hope: it wraps the timer
// functions code can reach (the globals, `node:timers`, `node:timers/promises`) while the snapshot is
// built, restores them before the heap is saved, and fails the build naming where each timer was made.
// Timers that Node makes internally (socket and stream timeouts, `AbortSignal.timeout`) are not seen:
// the warm-up opens no socket and uses no abort signal.
import timers from "node:timers";
import timersPromises from "node:timers/promises";
import { startupSnapshot } from "node:v8";

/** The message that fails a snapshot build that created a timer; scripts/build-snapshot.mjs looks for it. */
export const TIMER_IN_SNAPSHOT_BUILD = "a timer was created while the start-up snapshot was built";

type Owner = Record<string, unknown>;

if (startupSnapshot.isBuildingSnapshot()) guardTimers();

function guardTimers(): void {
  const created: string[] = [];
  const restore: (() => void)[] = [];
  const wrap = (owner: Owner, key: string, label: string): void => {
    const original = owner[key] as (...args: unknown[]) => unknown;
    owner[key] = function (this: unknown, ...args: unknown[]) {
      created.push(`${label} ${caller()}`);
      return original.apply(this, args);
    };
    restore.push(() => (owner[key] = original));
  };
  for (const key of ["setTimeout", "setInterval"]) {
    wrap(globalThis as unknown as Owner, key, key);
    wrap(timers as unknown as Owner, key, `timers.${key}`);
    wrap(timersPromises as unknown as Owner, key, `timers/promises.${key}`);
  }
  wrap(timersPromises.scheduler as unknown as Owner, "wait", "scheduler.wait");
  startupSnapshot.addSerializeCallback(() => {
    for (const undo of restore) undo();
    if (created.length === 0) return;
    // A throw here is printed but leaves node's exit code 0: exit, so that no snapshot is written.
    process.stderr.write(`${TIMER_IN_SNAPSHOT_BUILD} (${created.length}): ${created.slice(0, 3).join("; ")}\n`);
    process.exit(1);
  });
}

/**
 * Where the wrapped function was called from: the frame below the wrapper. A snapshot build runs
 * with no stack traces (`Error.stackTraceLimit` unset), so one is turned on for this capture only.
 */
function caller(): string {
  const errors = Error as { stackTraceLimit?: number };
  const had = Object.hasOwn(errors, "stackTraceLimit");
  const limit = errors.stackTraceLimit;
  errors.stackTraceLimit = 4;
  const stack = new Error().stack ?? "";
  if (had) errors.stackTraceLimit = limit;
  else delete errors.stackTraceLimit;
  return stack.split("\n")[3]?.trim() ?? "(caller unknown)";
}
