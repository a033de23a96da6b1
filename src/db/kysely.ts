import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import type pgTypes from 'pg';
import {
  CamelCasePlugin,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  type Logger,
  type SqliteDatabase,
  type SqliteStatement,
} from 'kysely';
import { lazyPackage } from '../platform/lazy-package.ts';
import type { Database } from './schema.ts';

export type DialectName = 'sqlite' | 'postgres';

export interface Db {
  kysely: Kysely<Database>;
  dialect: DialectName;
  url: string;
  close(): Promise<void>;
}

// PostgreSQL hands timestamps and dates back as strings, like SQLite, so that every
// boundary of the app sees UTC ISO-8601 text whatever the dialect.
const PG_TIMESTAMPTZ = 1184;
const PG_TIMESTAMP = 1114;
const PG_DATE = 1082;
const PG_INT8 = 20;

/**
 * The PostgreSQL driver, loaded with the first PostgreSQL database opened: a SQLite
 * installation never pays for it at start (QUALITY.md B6).
 */
export const loadPg = lazyPackage<typeof pgTypes>('pg', (pg) => {
  pg.types.setTypeParser(PG_TIMESTAMPTZ, (v) => new Date(v).toISOString());
  pg.types.setTypeParser(PG_TIMESTAMP, (v) => new Date(`${v.replace(' ', 'T')}Z`).toISOString());
  pg.types.setTypeParser(PG_DATE, (v) => v);
  // count(*) and sums come back as int8; our counts fit comfortably in a JS number.
  pg.types.setTypeParser(PG_INT8, (v) => Number(v));
});

export function parseDatabaseUrl(url: string): { dialect: DialectName; target: string } {
  if (/^postgres(ql)?:\/\//.test(url)) return { dialect: 'postgres', target: url };
  if (url.startsWith('sqlite:')) return { dialect: 'sqlite', target: url.slice('sqlite:'.length) || ':memory:' };
  throw new Error(`DATABASE_URL non reconnue : « ${url} » (attendu sqlite:chemin ou postgres://…)`);
}

export function openSqlite(file: string): SQLite.Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  // WAL + synchronous=NORMAL: a commit is in the WAL file (the operating system's cache) before
  // the request is answered, so a crash of the process — SIGKILL, out of memory, a bug — loses
  // no acknowledged write (tests/integration/kill-durability.test.ts proves it). Only a power
  // cut or a kernel crash can lose the last commits since the previous checkpoint, never the
  // file's integrity; FULL would fsync on every commit to close that gap, at the cost of
  // throughput (QUALITY.md B2). A centre on an unreliable supply sets
  // LIEUDIT_SQLITE_SYNCHRONOUS=FULL; nightly backups cover the rest (README, « Durabilité »).
  sqlite.pragma(`synchronous = ${process.env.LIEUDIT_SQLITE_SYNCHRONOUS === 'FULL' ? 'FULL' : 'NORMAL'}`);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return sqlite;
}

/** How many compiled statements a SQLite connection keeps; the app runs a few hundred distinct queries. */
const STATEMENT_CACHE_SIZE = 1000;

/** better-sqlite3 refuses JS booleans as parameters: they are bound as 1/0. */
function bindable(parameters: ReadonlyArray<unknown>): ReadonlyArray<unknown> {
  if (!parameters.some((p) => typeof p === 'boolean')) return parameters;
  return parameters.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p));
}

/** A compiled statement as Kysely's SQLite driver uses it, binding booleans as SQLite stores them. */
function keptStatement(statement: SQLite.Statement): SqliteStatement & { readonly busy: boolean } {
  return {
    reader: statement.reader,
    get busy() {
      return statement.busy;
    },
    all: (parameters) => statement.all(bindable(parameters)),
    run: (parameters) => statement.run(bindable(parameters)),
    iterate: (parameters) => statement.iterate(bindable(parameters)),
  };
}

/**
 * The connection as Kysely's SQLite driver sees it, keeping each compiled statement for the
 * next query with the same SQL: Kysely asks better-sqlite3 to compile every query afresh, which
 * took an eighth of a registration's time (QUALITY.md B2). A kept statement still being read
 * by a stream (`busy`) is not shared: that query gets a fresh one. SQLite recompiles a kept
 * statement by itself when the schema changes (a migration). Booleans are turned into 1/0 here,
 * on the parameters, rather than by a Kysely plugin rewriting every query's tree.
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const kept = new Map<string, ReturnType<typeof keptStatement>>();
  return {
    prepare(sql) {
      const statement = kept.get(sql);
      if (statement && !statement.busy) return statement;
      const fresh = keptStatement(sqlite.prepare(sql));
      if (!statement) {
        if (kept.size >= STATEMENT_CACHE_SIZE) kept.delete(kept.keys().next().value!);
        kept.set(sql, fresh);
      }
      return fresh;
    },
    close: () => {
      kept.clear();
      sqlite.close();
    },
  };
}

/**
 * `log`: told of every statement run (Kysely's query log, begin and commit included): the
 * benchmarks count a registration's statements with it; the app itself logs none.
 */
export function createDb(url: string, options: { poolSize?: number; log?: Logger } = {}): Db {
  const log = options.log ? { log: options.log } : {};
  const { dialect, target } = parseDatabaseUrl(url);
  if (dialect === 'sqlite') {
    const sqlite = openSqlite(target);
    const kysely = new Kysely<Database>({
      dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
      plugins: [new CamelCasePlugin()],
      ...log,
    });
    return { kysely, dialect, url, close: () => kysely.destroy() };
  }
  const pool = new (resilientPool())({
    connectionString: target,
    max: options.poolSize ?? 10,
    // A server that is down but not refusing (network cut) must not hold requests forever:
    // after this delay the request gets a 503 instead.
    connectionTimeoutMillis: 5_000,
  });
  // A connection can be cut by the server (restart, failover, pg_terminate_backend) while idle
  // in the pool or while checked out by a request. pg reports both as an 'error' event (on the
  // pool, or on the client itself), and an 'error' event without a listener ends the whole
  // process. The query in flight, if any, fails on its own and the pool drops the broken client,
  // so there is nothing to do here but listen.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()], ...log });
  return { kysely, dialect, url, close: () => kysely.destroy() };
}

/**
 * The database could not be reached: raised when the pool cannot open a connection, so that the
 * HTTP layer answers 503 (try again shortly) rather than 500 (our bug).
 */
export class DatabaseUnavailableError extends Error {
  constructor(cause: unknown) {
    super('database unavailable', { cause });
    this.name = 'DatabaseUnavailableError';
  }
}

let resilientPoolClass: ReturnType<typeof defineResilientPool> | undefined;
function resilientPool(): ReturnType<typeof defineResilientPool> {
  return (resilientPoolClass ??= defineResilientPool(loadPg()));
}

/** pg's pool, whose connect() failures are DatabaseUnavailableError (defined once pg is loaded). */
function defineResilientPool(pg: typeof pgTypes) {
  return class ResilientPool extends pg.Pool {
    // Kysely only uses the promise form of connect().
    override connect(): Promise<pgTypes.PoolClient>;
    override connect(callback: (err: Error | undefined, client: pgTypes.PoolClient | undefined, done: (release?: unknown) => void) => void): void;
    override connect(callback?: (err: Error | undefined, client: pgTypes.PoolClient | undefined, done: (release?: unknown) => void) => void): Promise<pgTypes.PoolClient> | void {
      if (callback) return super.connect(callback);
      return super.connect().catch((error: unknown) => {
        throw new DatabaseUnavailableError(error);
      });
    }
  };
}

// PostgreSQL SQLSTATEs of a server going away: class 08 (connection exception), 57P01–57P03
// (terminated by an administrator, crash shutdown, cannot connect now), 53300 (too many clients).
const PG_UNAVAILABLE = /^(08...|57P0[123]|53300)$/;
// What pg and Node say, without a SQLSTATE, when the socket dies under a query.
const SOCKET_GONE = /^(Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect)/;
const NODE_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * True when an error means "the database is not there right now" rather than "this query is
 * wrong": a connection that could not be opened or was cut, or SQLite still locked after its
 * busy timeout. Those deserve a 503 and a retry, not a 500.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof DatabaseUnavailableError) return true;
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (PG_UNAVAILABLE.test(code) || NODE_SOCKET_CODES.has(code))) return true;
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') return true;
  return SOCKET_GONE.test(error.message);
}

/** SQLite gives 0/1 for boolean columns; PostgreSQL gives true/false. */
export function asBool(value: unknown): boolean {
  return value === true || value === 1 || value === '1';
}
