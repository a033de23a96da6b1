import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

/** An image as pages list it: everything but the bytes. */
export interface ImageInfo {
  id: string;
  ficheId: string;
  mime: string;
  size: number;
  sha256: string;
  altText: string;
  createdAt: string;
}

const info = ['id', 'ficheId', 'mime', 'size', 'sha256', 'altText', 'createdAt'] as const;

export async function insertImage(db: Q, row: ImageInfo & { centerId: string; data: Buffer; createdBy: string | null }): Promise<void> {
  await db.insertInto('ficheImages').values(row).execute();
}

export async function findImageBySha(db: Q, centerId: string, ficheId: string, sha256: string): Promise<ImageInfo | undefined> {
  return db.selectFrom('ficheImages').select(info).where('centerId', '=', centerId).where('ficheId', '=', ficheId).where('sha256', '=', sha256).executeTakeFirst();
}

export async function listImages(db: Q, centerId: string, ficheId: string): Promise<ImageInfo[]> {
  return db.selectFrom('ficheImages').select(info).where('centerId', '=', centerId).where('ficheId', '=', ficheId).orderBy('createdAt').orderBy('id').execute();
}

/** An image with its bytes and the status of its fiche (whether anyone may see it). */
export async function findImageData(db: Q, centerId: string, id: string): Promise<{ mime: string; sha256: string; data: Buffer; ficheStatus: string } | undefined> {
  return db
    .selectFrom('ficheImages')
    .innerJoin('fiches', 'fiches.id', 'ficheImages.ficheId')
    .select(['ficheImages.mime', 'ficheImages.sha256', 'ficheImages.data', 'fiches.status as ficheStatus'])
    .where('ficheImages.centerId', '=', centerId)
    .where('fiches.centerId', '=', centerId)
    .where('ficheImages.id', '=', id)
    .executeTakeFirst();
}

export async function deleteImage(db: Q, centerId: string, ficheId: string, id: string): Promise<number> {
  const result = await db.deleteFrom('ficheImages').where('centerId', '=', centerId).where('ficheId', '=', ficheId).where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** How many fiches of the centre show this address in their text. */
export async function fichesShowing(db: Q, centerId: string, path: string): Promise<number> {
  // The path holds [a-z0-9/-] only: no LIKE wildcard to escape.
  const row = await db.selectFrom('fiches').select((eb) => eb.fn.countAll<number | string>().as('n')).where('centerId', '=', centerId).where('body', 'like', `%${path}%`).executeTakeFirst();
  return Number(row?.n ?? 0);
}
