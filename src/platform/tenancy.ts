import type { Kysely, Selectable } from 'kysely';
import type { CentersTable, Database } from '../db/schema.ts';

const columns = ['id', 'slug', 'name', 'address', 'postalCode', 'communeInsee', 'openingHours', 'email', 'phone', 'siret'] as const;

/** The tenant: a centre social. Every domain row carries its id. The schema's row, without its timestamps. */
export type Centre = Pick<Selectable<CentersTable>, (typeof columns)[number]>;

export async function findCentreById(db: Kysely<Database>, id: string): Promise<Centre | undefined> {
  return db.selectFrom('centers').select(columns).where('id', '=', id).executeTakeFirst();
}

/**
 * Every request needs its centre (name in the header, public pages' tenant). Centres change
 * rarely, so each process keeps them a few seconds; a change made through this process
 * forgets them at once (forgetCentres), another process sees it within the delay.
 */
const CENTRE_CACHE_MS = 10_000;
const centreCache = new WeakMap<object, Map<string, { centre: Centre | undefined; until: number }>>();

/** The kept centre under this key while it is fresh; undefined when it must be read. */
function kept(db: Kysely<Database>, key: string): Centre | undefined {
  const hit = centreCache.get(db)?.get(key);
  // Process time, not the app's clock: this is how long a cached row may live, not a date.
  return hit && hit.until > Date.now() ? hit.centre : undefined;
}

async function cached(db: Kysely<Database>, key: string, load: () => Promise<Centre | undefined>): Promise<Centre | undefined> {
  const hit = kept(db, key);
  if (hit) return hit;
  const centre = await load();
  let entries = centreCache.get(db);
  if (!entries) centreCache.set(db, (entries = new Map()));
  // A missing centre is not remembered: it may be created the next moment (set-up, tests).
  if (centre) entries.set(key, { centre, until: Date.now() + CENTRE_CACHE_MS });
  return centre;
}

export function cachedCentreById(db: Kysely<Database>, id: string): Promise<Centre | undefined> {
  return cached(db, `id:${id}`, () => findCentreById(db, id));
}

export function cachedPublicCentre(db: Kysely<Database>, slug: string | undefined): Promise<Centre | undefined> {
  return cached(db, `public:${slug ?? ''}`, () => findPublicCentre(db, slug));
}

/**
 * The public centre when this process keeps it fresh, without waiting: an anonymous request
 * then needs no promise at all (undefined: ask cachedPublicCentre).
 */
export function keptPublicCentre(db: Kysely<Database>, slug: string | undefined): Centre | undefined {
  return kept(db, `public:${slug ?? ''}`);
}

export function forgetCentres(db: Kysely<Database>): void {
  centreCache.delete(db);
}

export async function findCentreBySlug(db: Kysely<Database>, slug: string): Promise<Centre | undefined> {
  return db.selectFrom('centers').select(columns).where('slug', '=', slug).executeTakeFirst();
}

/**
 * The centre that public pages (no login) belong to: the configured one, else the only or
 * first-created centre. A federation serving many centres sets LIEUDIT_CENTRE per instance.
 */
export async function findPublicCentre(db: Kysely<Database>, slug: string | undefined): Promise<Centre | undefined> {
  if (slug) return findCentreBySlug(db, slug);
  return db.selectFrom('centers').select(columns).orderBy('createdAt').orderBy('id').limit(1).executeTakeFirst();
}
