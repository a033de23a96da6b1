import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import {
  CamelCasePlugin,
  Kysely,
  OperationNodeTransformer,
  PostgresDialect,
  PrimitiveValueListNode,
  SqliteDialect,
  ValueNode,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';
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
pg.types.setTypeParser(PG_TIMESTAMPTZ, (v) => new Date(v).toISOString());
pg.types.setTypeParser(PG_TIMESTAMP, (v) => new Date(`${v.replace(' ', 'T')}Z`).toISOString());
pg.types.setTypeParser(PG_DATE, (v) => v);
// count(*) and sums come back as int8; our counts fit comfortably in a JS number.
pg.types.setTypeParser(PG_INT8, (v) => Number(v));

/** better-sqlite3 refuses JS booleans as parameters: bind them as 1/0. */
class BooleanAsIntegerTransformer extends OperationNodeTransformer {
  protected override transformValue(node: ValueNode): ValueNode {
    const out = super.transformValue(node);
    return typeof out.value === 'boolean' ? ValueNode.create(out.value ? 1 : 0) : out;
  }
  protected override transformPrimitiveValueList(node: PrimitiveValueListNode): PrimitiveValueListNode {
    return PrimitiveValueListNode.create(node.values.map((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : v)));
  }
}

class SqliteBooleanPlugin implements KyselyPlugin {
  readonly #transformer = new BooleanAsIntegerTransformer();
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.#transformer.transformNode(args.node);
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

export function parseDatabaseUrl(url: string): { dialect: DialectName; target: string } {
  if (/^postgres(ql)?:\/\//.test(url)) return { dialect: 'postgres', target: url };
  if (url.startsWith('sqlite:')) return { dialect: 'sqlite', target: url.slice('sqlite:'.length) || ':memory:' };
  throw new Error(`DATABASE_URL non reconnue : « ${url} » (attendu sqlite:chemin ou postgres://…)`);
}

export function openSqlite(file: string): SQLite.Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return sqlite;
}

export function createDb(url: string, options: { poolSize?: number } = {}): Db {
  const { dialect, target } = parseDatabaseUrl(url);
  if (dialect === 'sqlite') {
    const sqlite = openSqlite(target);
    const kysely = new Kysely<Database>({
      dialect: new SqliteDialect({ database: sqlite }),
      plugins: [new CamelCasePlugin(), new SqliteBooleanPlugin()],
    });
    return { kysely, dialect, url, close: () => kysely.destroy() };
  }
  const pool = new pg.Pool({ connectionString: target, max: options.poolSize ?? 10 });
  // An idle connection can be cut by the server (restart, failover): the pool replaces it on the
  // next query, and without a listener that event would end the whole process.
  pool.on('error', () => {});
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
  return { kysely, dialect, url, close: () => kysely.destroy() };
}

/** SQLite gives 0/1 for boolean columns; PostgreSQL gives true/false. */
export function asBool(value: unknown): boolean {
  return value === true || value === 1 || value === '1';
}
