// The zod the core's schemas are built with: zod/mini, zod 4's functional API over the same core,
// checks and messages as `zod`. A bundle (the CLI's, and its start-up snapshot) then holds only the
// schema kinds the core uses, instead of every method of every kind.
import * as z from "zod/mini";
import en from "zod/v4/locales/en.js";

// What `zod` sets up on first use and zod/mini leaves to the caller: English messages and the
// memoizer, unless someone chose otherwise.
z.config({ localeError: z.config().localeError ?? en().localeError, memoizer: z.config().memoizer ?? z.memoizer() });

/** A copy of `schema` carrying `data` (and what the original carries): `.meta(data)` of `zod`. */
export function meta<T extends z.ZodMiniType>(schema: T, data: z.core.GlobalMeta): T {
  const copy = schema.clone();
  z.globalRegistry.add(copy, data);
  return copy;
}

/** A copy of `schema` with that description: `.describe(description)` of `zod`. */
export function describe<T extends z.ZodMiniType>(schema: T, description: string): T {
  return meta(schema, { description });
}

/** `schema`, or undefined: `.optional()` of `zod`. */
export const optional = z.optional;
