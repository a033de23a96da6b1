/**
 * Queries built and compiled once, then run many times with other values.
 *
 * Kysely builds a query's tree, passes it through the plugins (CamelCasePlugin renames every
 * identifier) and compiles it to SQL on each call: a quarter of a registration's CPU time went
 * there (QUALITY.md B2). A prepared query is built on its first run with a marker in place of
 * each value that varies; the CompiledQuery Kysely answers (`.compile()`) is kept, and later
 * runs put the values where the markers were and hand it to `db.executeQuery` — the way Kysely's
 * documentation runs a compiled query (recipe « Splitting build, compile and execute code »).
 * The result still goes through the plugins (column names back in camelCase), and a
 * transaction runs it on its own connection, as any query.
 *
 * Only values may vary: a query whose SQL depends on its arguments (an optional filter, a list
 * of ids for `in`) cannot be prepared; the first run refuses a marker that did not end up as a
 * bound parameter (used as a name, inlined, dropped), so such a mistake fails in every test
 * that runs the query. One compiled form is kept per dialect (SQLite and PostgreSQL number
 * their parameters differently); all of the app's connections use the same plugins.
 */
import { sql, type Compilable, type CompiledQuery, type Kysely, type QueryResult } from 'kysely';
import type { Database } from './schema.ts';

type Q = Kysely<Database>;

/** A marker no real value can equal: it carries the argument's name. */
const MARK = '\u0000lieudit-argument:';

interface Compiled<R> {
  query: CompiledQuery<R>;
  /** For each bound parameter, the argument it takes, or undefined for a constant of the query. */
  names: (string | undefined)[];
}

/** SQLite binds `?`, PostgreSQL `$1`: the same trivial query tells which compiler a Kysely uses. */
const dialectOf = new WeakMap<Q, string>();
function dialectKey(db: Q): string {
  let key = dialectOf.get(db);
  if (key === undefined) dialectOf.set(db, (key = sql`${null}`.compile(db).sql));
  return key;
}

export interface PreparedQuery<A, R> {
  /** Every row the query answers (none for a write without `returning`). */
  rows(db: Q, args: A): Promise<R[]>;
  /** The first row, or undefined. */
  first(db: Q, args: A): Promise<R | undefined>;
  /** How many rows a write changed (with `returning`, SQLite answers only the rows: their count). */
  affected(db: Q, args: A): Promise<number>;
}

/**
 * Declares a prepared query. `build` receives a Kysely and the arguments as markers, and must
 * put each argument it reads where a value goes (`where(col, '=', args.id)`, `.values({…})`).
 * `name` only says which query failed.
 */
export function prepared<A extends Record<string, unknown>, R>(name: string, build: (db: Q, args: A) => Compilable<R>): PreparedQuery<A, R> {
  const byDialect = new Map<string, Compiled<R>>();

  function compile(db: Q): Compiled<R> {
    const read = new Set<string>();
    const markers = new Proxy({} as A, {
      get(_target, key) {
        if (typeof key !== 'string') return undefined;
        read.add(key);
        return `${MARK}${key}`;
      },
    });
    const query = build(db, markers).compile();
    if (query.sql.includes(MARK)) throw new Error(`Requête préparée « ${name} » : un argument est écrit dans le SQL au lieu d’y être lié.`);
    const names = query.parameters.map((p) => (typeof p === 'string' && p.startsWith(MARK) ? p.slice(MARK.length) : undefined));
    const bound = new Set(names);
    const lost = [...read].filter((key) => !bound.has(key));
    if (lost.length > 0) throw new Error(`Requête préparée « ${name} » : ${lost.join(', ')} ne deviennent pas des paramètres liés.`);
    return { query, names };
  }

  async function run(db: Q, args: A): Promise<QueryResult<R>> {
    const key = dialectKey(db);
    let compiled = byDialect.get(key);
    if (!compiled) byDialect.set(key, (compiled = compile(db)));
    const { query, names } = compiled;
    const parameters = new Array<unknown>(names.length);
    for (let i = 0; i < names.length; i++) {
      const arg = names[i];
      if (arg === undefined) parameters[i] = query.parameters[i];
      else {
        const value = args[arg];
        // Kysely leaves out an undefined column or value, which a compiled query cannot do.
        if (value === undefined) throw new Error(`Requête préparée « ${name} » : ${arg} n’a pas de valeur (null s’il le faut).`);
        parameters[i] = value;
      }
    }
    return db.executeQuery<R>({ sql: query.sql, query: query.query, queryId: query.queryId, parameters });
  }

  return {
    rows: async (db, args) => (await run(db, args)).rows,
    first: async (db, args) => (await run(db, args)).rows[0],
    affected: async (db, args) => {
      const result = await run(db, args);
      return Number(result.numAffectedRows ?? result.rows.length);
    },
  };
}
