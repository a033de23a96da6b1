/**
 * The change bus: "something of this kind changed at this centre". Caches of public pages
 * subscribe and forget what they kept; services publish once their change is written.
 *
 * On SQLite there is one process, so the bus is a plain in-process list of listeners. On
 * PostgreSQL several instances of Lieudit may share the database (a federation behind a load
 * balancer): a change is also sent with NOTIFY, and every instance LISTENs on one dedicated
 * connection, so that another instance forgets its copy within milliseconds.
 */
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type pg from 'pg';
import { loadPg, type Db } from '../db/kysely.ts';

/**
 * What changed: the programme (activities, sessions, registrations), the centre and its sites,
 * the API tokens (one was revoked: every instance forgets the tokens it keeps, AuthService), or
 * the trainings a role must follow (every instance forgets which roles have one, TrainingService).
 */
export type ChangeTopic = 'activities' | 'centre' | 'tokens' | 'training';

/** A listener receives the centre whose data changed, or ALL_CENTRES when anything may have. */
export type ChangeListener = (centreId: string) => void;

/** Sent to every listener when changes may have been missed (the listening connection was lost). */
export const ALL_CENTRES = '*';

const CHANNEL = 'lieudit_changes';
const TOPICS: readonly ChangeTopic[] = ['activities', 'centre', 'tokens', 'training'];

export interface ChangeBus {
  /**
   * Tells every listener, here and in other instances, that a centre's data changed. Call it
   * after the change is committed; inside a transaction, pass it so that other instances are
   * told at commit (PostgreSQL delivers NOTIFY then), and this one is told at once.
   */
  publish(topic: ChangeTopic, centreId: string, trx?: Kysely<never>): Promise<void>;
  subscribe(topic: ChangeTopic, listener: ChangeListener): () => void;
  close(): Promise<void>;
}

/** Listeners of this process, by topic. */
class LocalListeners {
  readonly #byTopic = new Map<ChangeTopic, Set<ChangeListener>>();

  add(topic: ChangeTopic, listener: ChangeListener): () => void {
    let set = this.#byTopic.get(topic);
    if (!set) this.#byTopic.set(topic, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  emit(topic: ChangeTopic, centreId: string): void {
    for (const listener of this.#byTopic.get(topic) ?? []) listener(centreId);
  }

  emitAll(): void {
    for (const topic of TOPICS) this.emit(topic, ALL_CENTRES);
  }
}

/** One process (SQLite, or tests that want no listening connection). */
export class LocalChangeBus implements ChangeBus {
  protected readonly listeners = new LocalListeners();

  async publish(topic: ChangeTopic, centreId: string): Promise<void> {
    this.listeners.emit(topic, centreId);
  }

  subscribe(topic: ChangeTopic, listener: ChangeListener): () => void {
    return this.listeners.add(topic, listener);
  }

  async close(): Promise<void> {}
}

const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 30_000;

/**
 * PostgreSQL: NOTIFY on publish, LISTEN on one connection of its own (a pooled connection
 * cannot stay in LISTEN). When that connection is lost, it is opened again with a growing
 * delay, and every cache is emptied, since notifications sent meanwhile were missed.
 */
export class PostgresChangeBus extends LocalChangeBus {
  /** Tells our own notifications apart: this process already told its listeners. */
  readonly #origin = randomBytes(6).toString('hex');
  readonly #url: string;
  readonly #db: Kysely<never>;
  readonly #log: (message: string, error?: unknown) => void;
  #client: pg.Client | null = null;
  #retryMs = RETRY_MIN_MS;
  #timer: NodeJS.Timeout | null = null;
  #closed = false;
  /** The last notification sent on the listening connection, and those waiting their turn, by payload. */
  #sending: Promise<void> = Promise.resolve();
  readonly #waiting = new Map<string, Promise<void>>();
  /** Resolves once listening (tests wait for it before publishing from another instance). */
  #ready: Promise<void>;
  #markReady: () => void = () => {};

  constructor(db: Db, log: (message: string, error?: unknown) => void) {
    super();
    this.#url = db.url;
    this.#db = db.kysely as unknown as Kysely<never>;
    this.#log = log;
    this.#ready = new Promise((resolve) => (this.#markReady = resolve));
    void this.#connect();
  }

  /** Resolves when the listening connection is up (or at once if closed). */
  ready(): Promise<void> {
    return this.#ready;
  }

  override async publish(topic: ChangeTopic, centreId: string, trx?: Kysely<never>): Promise<void> {
    this.listeners.emit(topic, centreId);
    // Inside a transaction, a reader of this process may still read the rows as they were
    // until the commit: without an origin, our own notification (sent at commit) empties our
    // caches a second time.
    const payload = JSON.stringify({ t: topic, c: centreId, o: trx ? undefined : this.#origin });
    try {
      if (trx) await sql`select pg_notify(${CHANNEL}, ${payload})`.execute(trx);
      else await this.#notifyInTurn(payload);
    } catch (error) {
      // Inside a transaction the error must abort it as any failed statement does; outside,
      // the change is written: other instances will see it when their copy expires.
      if (trx) throw error;
      this.#log('change notification failed', error);
    }
  }

  /**
   * Outside a transaction, the listening connection sends the notification: a burst of
   * registrations then takes no connection from the pool that serves requests. One statement at
   * a time on that connection (pg refuses concurrent ones from version 9); a notification still
   * waiting for its turn when the same one is published again is sent once, after both changes.
   */
  #notifyInTurn(payload: string): Promise<void> {
    const waiting = this.#waiting.get(payload);
    if (waiting) return waiting;
    const send = async () => {
      this.#waiting.delete(payload);
      if (this.#client) await this.#client.query('select pg_notify($1, $2)', [CHANNEL, payload]);
      else await sql`select pg_notify(${CHANNEL}, ${payload})`.execute(this.#db);
    };
    const sent = this.#sending.then(send);
    this.#waiting.set(payload, sent);
    this.#sending = sent.catch(() => {});
    return sent;
  }

  override async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#markReady();
    const client = this.#client;
    this.#client = null;
    await client?.end().catch(() => {});
  }

  async #connect(): Promise<void> {
    if (this.#closed) return;
    const client = new (loadPg().Client)({ connectionString: this.#url, connectionTimeoutMillis: 5_000 });
    // Without a listener, an 'error' event would end the process.
    client.on('error', (error) => this.#lost(client, error));
    client.on('end', () => this.#lost(client));
    client.on('notification', (message) => this.#receive(message.payload));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (error) {
      this.#lost(client, error);
      return;
    }
    if (this.#closed) {
      await client.end().catch(() => {});
      return;
    }
    const reconnected = this.#retryMs > RETRY_MIN_MS;
    this.#client = client;
    this.#retryMs = RETRY_MIN_MS;
    this.#markReady();
    // Whatever was published while we were not listening is unknown: forget everything.
    if (reconnected) this.listeners.emitAll();
  }

  #lost(client: pg.Client, error?: unknown): void {
    if (this.#closed) return;
    if (this.#client !== null && this.#client !== client) return; // an older connection's late event
    if (this.#client === null && this.#timer) return; // already waiting to reconnect
    this.#client = null;
    if (error) this.#log('change listener connection lost', error);
    void client.end().catch(() => {});
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.#connect();
    }, this.#retryMs);
    this.#timer.unref();
    this.#retryMs = Math.min(this.#retryMs * 2, RETRY_MAX_MS);
    // Changes may be missed until we listen again: nothing cached can be trusted.
    this.listeners.emitAll();
  }

  #receive(payload: string | undefined): void {
    let message: { t?: unknown; c?: unknown; o?: unknown };
    try {
      message = JSON.parse(payload ?? '') as typeof message;
    } catch {
      return;
    }
    if (message.o === this.#origin) return;
    if (!TOPICS.includes(message.t as ChangeTopic) || typeof message.c !== 'string') return;
    this.listeners.emit(message.t as ChangeTopic, message.c);
  }
}

export function createChangeBus(db: Db, log: (message: string, error?: unknown) => void): ChangeBus {
  return db.dialect === 'postgres' ? new PostgresChangeBus(db, log) : new LocalChangeBus();
}
