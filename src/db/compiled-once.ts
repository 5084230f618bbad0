// Queries built and compiled once, then run many times with new values. Kysely builds an
// immutable tree for every query and compiles it to SQL each time it runs: on the write path
// (a letter signature is half a dozen small queries) that was a sixth of the CPU. A query whose
// shape never changes (no `in (...)` list, no optional clause) can be compiled once per engine
// and its parameters swapped on each run.
import type { CompiledQuery, Kysely } from "kysely";
import { type Dialect, dialectOf } from "./dialect.js";
import type { DB } from "./types.js";

/** Anything that compiles to one query (a Kysely query builder, `sql` ...). */
interface Compilable<R> {
  compile(): CompiledQuery<R>;
}

/** Stands for the i-th argument while the query is built: no value a caller passes looks like it. */
const placeholder = (i: number) => `\u0000compiled-once:${i}\u0000`;

/**
 * `build` receives the database and placeholders for its arguments, and returns the query; the
 * result runs it with real arguments on `db` (the app's Kysely or a transaction). Each
 * placeholder must reach the SQL as a parameter of its own, whole (compared as is: it cannot be
 * part of a longer value), and the query's text must not depend on the values (no list from an
 * argument, no clause present only for some values): both are checked when it is first built.
 */
export function compiledOnce<A extends unknown[], R>(
  build: (db: Kysely<DB>, ...args: { [K in keyof A]: A[K] }) => Compilable<R>,
): (db: Kysely<DB>, ...args: A) => Promise<R[]> {
  const compiled = new Map<Dialect, { query: CompiledQuery<R>; slots: (number | undefined)[] }>();
  return async (db, ...args) => {
    const dialect = dialectOf(db);
    let entry = compiled.get(dialect);
    if (!entry) {
      const names = args.map((_, i) => placeholder(i));
      const query = build(db, ...(names as { [K in keyof A]: A[K] })).compile();
      const slots = query.parameters.map((p) => {
        const at = typeof p === "string" ? names.indexOf(p) : -1;
        return at >= 0 ? at : undefined;
      });
      for (let i = 0; i < names.length; i++) {
        if (!slots.includes(i)) throw new Error(`compiledOnce: argument ${i} is not a parameter`);
      }
      if (query.sql.includes("\u0000")) throw new Error("compiledOnce: an argument is in the SQL");
      entry = { query, slots };
      compiled.set(dialect, entry);
    }
    const { query, slots } = entry;
    const parameters = query.parameters.map((p, i) => {
      const slot = slots[i];
      return slot === undefined ? p : args[slot];
    });
    const result = await db.executeQuery<R>({ ...query, parameters });
    return result.rows;
  };
}
