// A fiche's images: added from the editor (a multipart form, without JavaScript), deleted when
// no fiche shows them any more, and served from our own address.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import type { FieldErrors } from '../../platform/errors.ts';
import { actorOf, page } from '../../platform/http/access.ts';
import { refusalOf } from '../../platform/http/forms.ts';
import { idOf, publicCentreId, redirectSeeOther, setFlash } from '../../platform/http/request-context.ts';
import { t } from '../../platform/i18n/index.ts';
import { cleanText } from '../../platform/text.ts';
import type { FormValues } from '../../ui/components/form.tsx';
import type { FicheView } from './fiche.service.ts';
import { MAX_IMAGE_BYTES } from './image-type.ts';
import type { ResourcesModule } from './resources.module.ts';
import { ficheValues } from './views/fiches.view.tsx';

/** The editor page, drawn again by the image forms (with their errors). */
export type EditorRender = (
  request: FastifyRequest,
  reply: FastifyReply,
  options: { fiche?: FicheView; values: FormValues; errors?: FieldErrors; preview?: string; status?: number; image?: { values: FormValues; errors: FieldErrors } },
) => Promise<FastifyReply>;

/** Requests whose file went past the limit: busboy stopped reading it, the form says so. */
const tooLarge = new WeakSet<FastifyRequest>();

const YEAR = 31_536_000;

/**
 * Multipart bodies, only in this module's scope (before its routes, so that its hook applies to
 * them): one file (2 MB at most, what goes past is cut and the form says so) and a few fields,
 * read whole before the CSRF check, which finds its token among the fields.
 */
export async function registerImageUploads(app: FastifyInstance): Promise<void> {
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    limits: { fileSize: MAX_IMAGE_BYTES, files: 1, fields: 5, fieldSize: 2_000, parts: 6 },
    async onFile(part) {
      await part.toBuffer();
      if (part.file.truncated) tooLarge.add(this);
    },
  });
}

export function registerImagePages(app: FastifyInstance, s: ResourcesModule, editor: EditorRender): void {
  app.get<{ Params: { id: string } }>('/ressources/images/:id', page('public'), async (request, reply) => {
    const image = await s.images.serve(publicCentreId(request), request.params.id, request.actor);
    return reply
      .header('content-type', image.mime)
      .header('x-content-type-options', 'nosniff')
      .header('content-disposition', 'inline')
      .header('etag', `"${image.sha256}"`)
      .header('cache-control', image.published ? `public, max-age=${YEAR}, immutable` : 'private, no-cache')
      .send(image.data);
  });

  app.post('/fiches-pratiques/:id/images', page('resources.manage'), async (request, reply) => {
    const actor = actorOf(request);
    const fiche = await s.fiches.get(actor.centerId, idOf(request), actor);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const data = Buffer.isBuffer(body.image) ? body.image : undefined;
    const altText = typeof body.altText === 'string' ? cleanText(body.altText) : '';
    try {
      const image = await s.images.add(actor, fiche.id, { data, tooLarge: tooLarge.has(request), altText });
      setFlash(reply, t(request.locale, 'resources.image.added', { markdown: image.markdown }));
      return redirectSeeOther(reply, `/fiches-pratiques/${fiche.id}#images`);
    } catch (error) {
      const refusal = refusalOf(error, { order: ['image', 'altText'] });
      return editor(request, reply, { fiche, values: ficheValues(fiche), status: refusal.status, image: { values: { altText }, errors: refusal.errors } });
    }
  });

  app.post<{ Params: { id: string; imageId: string } }>('/fiches-pratiques/:id/images/:imageId/supprimer', page('resources.manage'), async (request, reply) => {
    const actor = actorOf(request);
    const fiche = await s.fiches.get(actor.centerId, idOf(request), actor);
    try {
      await s.images.remove(actor, fiche.id, request.params.imageId);
    } catch (error) {
      const refusal = refusalOf(error, { statuses: [409], fallbackField: 'image' });
      return editor(request, reply, { fiche, values: ficheValues(fiche), status: refusal.status, image: { values: {}, errors: refusal.errors } });
    }
    setFlash(reply, t(request.locale, 'resources.image.deleted'));
    return redirectSeeOther(reply, `/fiches-pratiques/${fiche.id}#images`);
  });
}
