/**
 * The images of the fiches. Rules owned here:
 * - the team (resources.manage) adds an image to a fiche while editing it; it must be a PNG,
 *   JPEG or WebP of at most 2 MB, the kind read from the bytes (image-type.ts), never from the
 *   file's name nor the type the browser claims; it needs an alternative text (what the image
 *   shows, for those who cannot see it), which the Markdown snippet offered carries;
 * - the same image added twice to a fiche is kept once;
 * - an image is served from our own address (/ressources/images/<id>) with the type read from
 *   its bytes: to anyone once its fiche is published, to the team of its centre before; its
 *   bytes never change, so the address can be cached for a year;
 * - an image that no fiche of the centre shows any more can be deleted; one still shown
 *   cannot (the fiche would show a broken image).
 */
import type { Actor } from '../../platform/auth/actor.ts';
import { requirePermission } from '../../platform/auth/require-permission.ts';
import { audit } from '../../platform/audit.ts';
import { can } from '../../platform/auth/roles.ts';
import type { AppContext } from '../../platform/context.ts';
import { sha256 } from '../../platform/crypto.ts';
import { conflict, invalid, notFound, type FieldErrors } from '../../platform/errors.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import * as repo from './fiche-image.repository.ts';
import * as fiches from './fiche.repository.ts';
import { MAX_IMAGE_BYTES, sniffImage } from './image-type.ts';


/** Where an image is served: the only image addresses a fiche's Markdown may show. */
export const imagePath = (id: string): string => `/ressources/images/${id}`;

/** What the editor lists: an image, whether a fiche shows it, and the Markdown that shows it. */
export interface ImageView extends repo.ImageInfo {
  path: string;
  markdown: string;
  used: boolean;
}

export interface ImageUpload {
  /** The file's bytes; undefined or empty when no file was chosen. */
  data: Buffer | undefined;
  /** The file was larger than the limit (it was not read to the end). */
  tooLarge: boolean;
  altText: string;
}

const MAX_ALT = 200;

/** Markdown's image syntax, with the characters that would end the alternative text escaped. */
const markdownOf = (altText: string, path: string) => `![${altText.replace(/[\\[\]]/g, (c) => `\\${c}`)}](${path})`;

export class FicheImageService {
  constructor(private readonly ctx: AppContext) {}

  private get db() {
    return this.ctx.kysely;
  }

  private async fiche(actor: Actor, ficheId: string): Promise<fiches.FicheRow> {
    requirePermission(actor, 'resources.manage');
    const fiche = isUuid(ficheId) ? await fiches.findFiche(this.db, actor.centerId, ficheId) : undefined;
    if (!fiche) throw notFound();
    return fiche;
  }

  /** A fiche's images, oldest first, each with whether a fiche still shows it. */
  async list(actor: Actor, ficheId: string): Promise<ImageView[]> {
    const fiche = await this.fiche(actor, ficheId);
    const rows = await repo.listImages(this.db, actor.centerId, fiche.id);
    return Promise.all(rows.map(async (row) => this.view(row, (await repo.fichesShowing(this.db, actor.centerId, imagePath(row.id))) > 0)));
  }

  private view(row: repo.ImageInfo, used: boolean): ImageView {
    const path = imagePath(row.id);
    return { ...row, path, markdown: markdownOf(row.altText, path), used };
  }

  async add(actor: Actor, ficheId: string, upload: ImageUpload): Promise<ImageView> {
    const fiche = await this.fiche(actor, ficheId);
    const errors: FieldErrors = {};
    const altText = upload.altText.trim().replace(/\s+/g, ' ');
    const mime = upload.data && upload.data.length > 0 ? sniffImage(upload.data) : null;
    if (upload.tooLarge) errors.image = 'resources.image.tooLarge';
    else if (!upload.data || upload.data.length === 0) errors.image = 'resources.image.required';
    else if (upload.data.length > MAX_IMAGE_BYTES) errors.image = 'resources.image.tooLarge';
    else if (!mime) errors.image = 'resources.image.type';
    if (altText === '') errors.altText = 'resources.image.altRequired';
    else if (altText.length > MAX_ALT) errors.altText = 'resources.image.altTooLong';
    if (Object.keys(errors).length > 0 || !upload.data || !mime) throw invalid(errors);
    const hash = sha256(upload.data);
    const known = await repo.findImageBySha(this.db, actor.centerId, fiche.id, hash);
    if (known) return this.view(known, false);
    const row = { id: newId(), ficheId: fiche.id, mime, size: upload.data.length, sha256: hash, altText, createdAt: this.ctx.clock.nowIso() };
    await this.db.transaction().execute(async (trx) => {
      await repo.insertImage(trx, { ...row, centerId: actor.centerId, data: upload.data!, createdBy: actor.userId });
      await audit(trx, this.ctx.clock, actor, 'create', 'fiche_image', row.id, { ficheId: fiche.id, size: row.size });
    });
    return this.view(row, false);
  }

  /** Deletes an image no fiche shows any more. */
  async remove(actor: Actor, ficheId: string, imageId: string): Promise<void> {
    const fiche = await this.fiche(actor, ficheId);
    if (!isUuid(imageId)) throw notFound();
    if ((await repo.fichesShowing(this.db, actor.centerId, imagePath(imageId))) > 0) throw conflict('resources.image.inUse');
    await this.db.transaction().execute(async (trx) => {
      if ((await repo.deleteImage(trx, actor.centerId, fiche.id, imageId)) === 0) throw notFound();
      await audit(trx, this.ctx.clock, actor, 'update', 'fiche_image', imageId, { ficheId: fiche.id, deleted: true });
    });
  }

  /** The bytes to serve; `published`: anyone may see it (and caches may keep it). */
  async serve(centerId: string, id: string, actor: Actor | null): Promise<{ mime: string; sha256: string; data: Buffer; published: boolean }> {
    const found = isUuid(id) ? await repo.findImageData(this.db, centerId, id) : undefined;
    const published = found?.ficheStatus === 'published';
    if (!found || (!published && !(actor !== null && actor.centerId === centerId && can(actor.role, 'resources.manage')))) throw notFound();
    // The type is read again from the bytes: what is served is what they are.
    const mime = sniffImage(found.data);
    if (!mime) throw notFound();
    return { mime, sha256: found.sha256, data: Buffer.from(found.data), published };
  }
}
