import { spawnSync } from "node:child_process";
import { hostname } from "node:os";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { currentOwner, formatOwner, isLocalOwner, isOwnerDead, parseOwner, type LockOwner } from "./lock-owner.js";

describe("lock owner", () => {
  it("format and parse round-trip any owner; foreign text is not an owner", () => {
    const owner = fc.record(
      {
        pid: fc.integer({ min: 1, max: 2 ** 22 }),
        host: fc.stringMatching(/^[a-z0-9.-]{1,30}$/),
        ns: fc.stringMatching(/^[0-9]{1,12}$/),
        start: fc.stringMatching(/^[0-9]{1,12}$/),
        token: fc.stringMatching(/^[0-9a-f]{16}$/),
      },
      { requiredKeys: ["pid", "host", "token"] },
    );
    fc.assert(
      fc.property(owner, (o: LockOwner) => {
        expect(parseOwner(formatOwner(o))).toEqual(o);
      }),
    );
    for (const text of ["", "12345", "integrations pid=1 token=ab", "integrations pid=x host=h token=ab"]) expect(parseOwner(text)).toBeUndefined();
  });

  it("this process is local and alive; an exited process is dead; a pid with another start time is dead (reused)", () => {
    const me = currentOwner();
    expect(isLocalOwner(me)).toBe(true);
    expect(isOwnerDead(me)).toBe(false);
    const exited = spawnSync(process.execPath, ["-e", "0"]).pid;
    expect(isOwnerDead({ ...me, pid: exited })).toBe(true);
    if (me.start) expect(isOwnerDead({ ...me, start: String(Number(me.start) + 1) })).toBe(true);
  });

  it("an owner on another host or in another pid namespace is not local (its pid cannot be checked here)", () => {
    const me = currentOwner();
    expect(isLocalOwner({ ...me, host: `${hostname()}-other` })).toBe(false);
    if (me.ns) expect(isLocalOwner({ ...me, ns: `${me.ns}1` })).toBe(false);
    expect(isLocalOwner({ pid: me.pid, host: me.host, token: me.token })).toBe(true); // written off Linux: no ns to compare
  });
});
