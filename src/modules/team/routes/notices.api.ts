// The notice board over HTTP (/api/v1/team/notices): list, post, open with read receipts.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../../platform/http/access.ts';
import { idParams, noticeBody, noticeDetailOutput, noticeOutput } from '../notice-board.schemas.ts';
import type { NoticeDetail, NoticeSummary } from '../notice-board.service.ts';
import type { TeamBoardModule } from '../team-board.module.ts';
import { tags } from './api-shared.ts';

function noticeJson(n: NoticeSummary): z.infer<typeof noticeOutput> {
  return { id: n.id, title: n.title, body: n.body, pinned: n.pinned, expiresOn: n.expiresOn, authorId: n.authorId, authorName: n.authorName, createdAt: n.createdAt, read: n.read };
}

function detailJson(n: NoticeDetail): z.infer<typeof noticeDetailOutput> {
  return { ...noticeJson(n), html: n.html, receipts: n.receipts };
}

/**
 * The notice board's JSON API, over the same service as the pages: every team member
 * (team.notices) lists, posts and opens posts; opening one records the caller's read receipt.
 */
export function registerNoticeBoardApi(app: FastifyInstance, m: TeamBoardModule): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/api/v1/team/notices', {
    config: { permission: 'team.notices' },
    schema: { operationId: 'listTeamNotices', tags, summary: 'Les annonces de l’équipe en cours : épinglées, puis les plus récentes', response: { 200: z.object({ items: z.array(noticeOutput) }) } },
  }, async (request) => ({ items: (await m.notices.list(actorOf(request))).map(noticeJson) }));

  api.post('/api/v1/team/notices', {
    config: { permission: 'team.notices' },
    schema: { operationId: 'postTeamNotice', tags, summary: 'Publier une annonce (épingler : coordination seulement, sinon 403)', body: noticeBody, response: { 201: noticeOutput } },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const row = await m.notices.post(actor, request.body);
    return reply.code(201).send(noticeJson({ ...row, authorName: actor.label, read: true }));
  });

  api.get('/api/v1/team/notices/:id', {
    config: { permission: 'team.notices' },
    schema: {
      operationId: 'openTeamNotice', tags, summary: 'Ouvrir une annonce : enregistre la lecture de l’appelant ; l’auteur et la coordination voient qui l’a lue',
      params: idParams, response: { 200: noticeDetailOutput },
    },
  }, async (request) => detailJson(await m.notices.open(actorOf(request), request.params.id)));
}
