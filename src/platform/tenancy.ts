import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/** The tenant: a centre social. Every domain row carries its id. */
export interface Centre {
  id: string;
  slug: string;
  name: string;
  address: string | null;
  postalCode: string | null;
  communeInsee: string;
  openingHours: string | null;
  email: string | null;
  phone: string | null;
}

const columns = ['id', 'slug', 'name', 'address', 'postalCode', 'communeInsee', 'openingHours', 'email', 'phone'] as const;

export async function findCentreById(db: Kysely<Database>, id: string): Promise<Centre | undefined> {
  return db.selectFrom('centers').select(columns).where('id', '=', id).executeTakeFirst();
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
